import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { lockOption, PoolLock } from '../unit-pool/unit-pool.repository';
import { UnknownHouseholdError } from './household-pool.errors';
import { WaitlistedHousehold } from './waitlisted-household.entity';

@Injectable()
export class HouseholdPool {
  find(manager: EntityManager, householdId: string, options: { lock?: PoolLock } = {}): Promise<WaitlistedHousehold | null> {
    return manager.findOne(WaitlistedHousehold, { where: { householdId }, ...lockOption(options.lock) });
  }

  async get(manager: EntityManager, householdId: string, options: { lock?: PoolLock } = {}): Promise<WaitlistedHousehold> {
    const household = await this.find(manager, householdId, options);
    if (!household) throw new UnknownHouseholdError(householdId);
    return household;
  }

  /** Whether any household joined, left or changed on the waitlist after `moment`. */
  async changedSince(manager: EntityManager, moment: Date): Promise<boolean> {
    const [{ changed }] = await manager.query('SELECT EXISTS (SELECT 1 FROM waitlisted_households WHERE updated_at > $1) AS changed', [moment]);
    return changed;
  }

  /** Matching's own mark on an accepted offer: the household is not matched again until applicants says otherwise. */
  async markOffered(manager: EntityManager, householdId: string): Promise<void> {
    await manager.query("UPDATE waitlisted_households SET status = 'offered', updated_at = now() WHERE household_id = $1", [householdId]);
  }
}
