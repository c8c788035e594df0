import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEFAULT_PRIORITY_POLICY, PriorityPolicy } from './domain/priority-policy';
import { PriorityPolicyVersion } from './domain/priority-policy.entity';

/** Advisory lock held shared by anything that scores households, exclusively by publishing. */
const POLICY_LOCK_KEY = 0x5052_494f; // "PRIO"

/**
 * The priority policy in force: the highest published version, or v1 from code.
 *
 * Scoring transactions hold the policy lock shared and publishing holds it exclusively, so a
 * publication waits for scorings already under way, and every scoring that commits after a
 * publication saw the new version. The re-scoring job therefore never misses a household
 * scored under the old policy by a request that was still in flight.
 *
 * Every scoring transaction takes this lock before any household row lock: with a publication
 * queued for the exclusive lock, the opposite order could deadlock with the re-scoring job.
 */
@Injectable()
export class PolicyRegistry {
  async forScoring(manager: EntityManager): Promise<PriorityPolicy> {
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [POLICY_LOCK_KEY]);
    return this.current(manager);
  }

  async lockForPublishing(manager: EntityManager): Promise<PriorityPolicy> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [POLICY_LOCK_KEY]);
    return this.current(manager);
  }

  async current(manager: EntityManager): Promise<PriorityPolicy> {
    const [latest] = await manager.find(PriorityPolicyVersion, { order: { version: 'DESC' }, take: 1 });
    return latest ? latest.toPolicy() : DEFAULT_PRIORITY_POLICY;
  }

  async find(manager: EntityManager, version: number): Promise<PriorityPolicy | null> {
    if (version === DEFAULT_PRIORITY_POLICY.version) return DEFAULT_PRIORITY_POLICY;
    const row = await manager.findOneBy(PriorityPolicyVersion, { version });
    return row ? row.toPolicy() : null;
  }
}
