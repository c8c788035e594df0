import type { EntityManager } from 'typeorm';
import type { HouseholdAttributes } from './engine-applicant';

// Apart from CandidatePool (and Nest), so that a run's worker thread loads little.

export interface Candidate extends HouseholdAttributes {
  reference: string;
}

/** Money is stored exact; the engine reads it as numbers (a two-decimal amount converts exactly enough to compare). */
export const CANDIDATE_COLUMNS = `
  h.household_id AS "householdId", h.reference, h.household_size AS "householdSize", h.bedrooms_needed AS "bedroomsNeeded",
  h.max_rent::float8 AS "maxRent", h.wheelchair, h.step_free AS "stepFree", h.pets,
  h.excluded_districts AS "excludedDistricts", h.preferred_districts AS "preferredDistricts",
  h.priority, h.waiting_since::text AS "waitingSince"`;

export const WITHOUT_LIVE_OFFER = `NOT EXISTS (SELECT 1 FROM offers o WHERE o.household_id = h.household_id AND o.status IN ('proposed', 'offered'))`;

/** Every candidate: the applicants of an allocation run (read by the run's worker thread on its own connection). */
export function allCandidates(db: Pick<EntityManager, 'query'>): Promise<Candidate[]> {
  return db.query(`SELECT ${CANDIDATE_COLUMNS} FROM waitlisted_households h WHERE h.status = 'waitlisted' AND ${WITHOUT_LIVE_OFFER}`);
}
