import { Weights } from '@hearth/matching-engine';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AvailableUnit } from '../unit-pool/available-unit.entity';
import { Candidate, CANDIDATE_COLUMNS, WITHOUT_LIVE_OFFER } from './candidates';

export type { Candidate } from './candidates';

/** The score weights and bedroom allowance candidates are chosen with. */
export interface CandidatePolicy {
  weights: Weights;
  maxExtraBedrooms: number;
}

/**
 * The households matching may propose. Only `waitlisted` households without a proposed or open
 * offer are candidates. For one unit, PostgreSQL pre-filters with the seven hard rules of
 * docs/matching-rules.md (on indexed columns) so that only plausible households are loaded; the engine then
 * checks every rule again and ranks them, so it alone decides.
 */
@Injectable()
export class CandidatePool {
  /** Every candidate for one unit, leaving out households already offered this unit (whatever the answer). */
  async forUnit(manager: EntityManager, unit: AvailableUnit, policy: CandidatePolicy): Promise<Candidate[]> {
    return manager.query(`SELECT ${CANDIDATE_COLUMNS} FROM waitlisted_households h WHERE ${ELIGIBLE_FOR_UNIT}`, unitParameters(unit, policy));
  }

  /**
   * The candidates for one unit that can still be among its best `k`, and how many candidates there
   * are in all. Part of the score depends on the household alone (priority and waiting time); the
   * rest lies between 0 and the preference and fit weights. A household whose best possible score
   * is below the k-th best household-alone part of the others cannot be among the k best, so it is
   * left in the database (with a margin for rounding). The engine ranks those returned exactly as
   * it would rank them all.
   */
  async bestForUnit(manager: EntityManager, unit: AvailableUnit, policy: CandidatePolicy, k: number, on: string): Promise<{ candidates: Candidate[]; total: number }> {
    const w = policy.weights;
    const lowBonus = Math.min(0, w.preference) + Math.min(0, w.fit);
    const highBonus = Math.max(0, w.preference) + Math.max(0, w.fit);
    const parameters = [...unitParameters(unit, policy), w.priority, w.waiting, on, k, lowBonus, highBonus];
    const rows: (Candidate & { total: string })[] = await manager.query(
      `WITH eligible AS (
         SELECT h.household_id, $10::float8 * h.priority + ($11::float8 * greatest(0, $12::date - h.waiting_since)) / 30 AS base
           FROM waitlisted_households h
          WHERE ${ELIGIBLE_FOR_UNIT}
       ),
       bar AS (SELECT base + $14::float8 AS lowest FROM eligible ORDER BY base DESC OFFSET $13::int - 1 LIMIT 1),
       contenders AS (
         SELECT household_id FROM eligible
          WHERE base + $15::float8 >= coalesce((SELECT lowest - 1e-6 * greatest(1, abs(lowest)) FROM bar), '-infinity'::float8)
       )
       SELECT ${CANDIDATE_COLUMNS}, (SELECT count(*) FROM eligible) AS total
         FROM waitlisted_households h
        WHERE h.household_id = ANY (ARRAY(SELECT household_id FROM contenders))`,
      parameters,
    );
    return { candidates: rows, total: rows.length === 0 ? 0 : Number(rows[0].total) };
  }
}

/** The seven hard rules for the unit in $1…$9, on waitlisted households without a live offer, not offered the unit before. */
const ELIGIBLE_FOR_UNIT = `h.status = 'waitlisted'
  AND h.bedrooms_needed BETWEEN $1::int - $2::int AND $1::int
  AND h.max_rent >= $3
  AND h.household_size <= $4
  AND ($5::boolean OR NOT h.wheelchair)
  AND ($6::boolean OR NOT h.step_free)
  AND ($7::boolean OR NOT h.pets)
  AND NOT ($8::text = ANY (h.excluded_districts))
  AND ${WITHOUT_LIVE_OFFER}
  AND NOT EXISTS (SELECT 1 FROM offers p WHERE p.unit_id = $9 AND p.household_id = h.household_id)`;

function unitParameters(unit: AvailableUnit, policy: CandidatePolicy): unknown[] {
  return [
    unit.bedrooms,
    policy.maxExtraBedrooms,
    unit.rent,
    unit.maxOccupants,
    unit.wheelchairAccessible,
    unit.stepFree,
    unit.petsAllowed,
    unit.district,
    unit.unitId,
  ];
}
