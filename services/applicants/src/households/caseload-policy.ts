import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicantsRules } from '../config';
import { SUPPORT_PROGRAMMES, SupportProgramme } from './domain/household.entity';
import { CaseloadFullError } from './household.errors';

const CASELOAD_LOCK_NAMESPACE = 0x4341_5345; // "CASE"

/** Households a caseworker holds count against a per-programme limit until they are withdrawn or exit. */
@Injectable()
export class CaseloadPolicy {
  constructor(private readonly rules: ApplicantsRules) {}

  /** Locks the caseworker's caseload for the rest of the transaction, so two assignments cannot both take the last place. */
  async hasRoom(manager: EntityManager, caseworkerId: string, programme: SupportProgramme): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CASELOAD_LOCK_NAMESPACE, caseworkerId]);
    const counts = await this.counts(manager, caseworkerId);
    return counts[programme] < this.rules.caseloadLimits[programme];
  }

  async assertRoom(manager: EntityManager, caseworkerId: string, programme: SupportProgramme): Promise<void> {
    if (!(await this.hasRoom(manager, caseworkerId, programme))) {
      throw new CaseloadFullError(caseworkerId, programme, this.rules.caseloadLimits[programme]);
    }
  }

  async counts(manager: EntityManager, caseworkerId: string): Promise<Record<SupportProgramme, number>> {
    const rows = await manager.query<{ programme: SupportProgramme; count: string }[]>(
      `SELECT programme, count(*) AS count FROM households
        WHERE caseworker_id = $1 AND status NOT IN ('withdrawn', 'exited') GROUP BY programme`,
      [caseworkerId],
    );
    const counts = Object.fromEntries(SUPPORT_PROGRAMMES.map((p) => [p, 0])) as Record<SupportProgramme, number>;
    for (const row of rows) counts[row.programme] = Number(row.count);
    return counts;
  }

  limits(): Readonly<Record<SupportProgramme, number>> {
    return this.rules.caseloadLimits;
  }
}
