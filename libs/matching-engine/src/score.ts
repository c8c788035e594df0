import { Applicant, Policy, Unit } from './types';

export interface ScoreBreakdown {
  /** Weighted contributions; total is exactly score(a, u, policy). */
  readonly priority: number;
  readonly waiting: number;
  readonly preference: number;
  readonly fit: number;
  readonly total: number;
}

/** The part of the score that depends on the applicant alone, evaluated in the formula's order. */
export function baseScore(applicant: Applicant, policy: Pick<Policy, 'weights'>): number {
  const w = policy.weights;
  return w.priority * applicant.priority + (w.waiting * applicant.waitingDays) / 30;
}

/**
 * score(a, u) of docs/matching-rules.md#score, evaluated left to right like the formula, so that every
 * implementation (and the fast paths of the engine) agrees to the last bit.
 */
export function score(applicant: Applicant, unit: Unit, policy: Pick<Policy, 'weights'>): number {
  const w = policy.weights;
  const preferred = applicant.preferredDistricts.includes(unit.district) ? 1 : 0;
  const fits = unit.bedrooms === applicant.bedroomsNeeded ? 1 : 0;
  return baseScore(applicant, policy) + w.preference * preferred + w.fit * fits;
}

export function scoreBreakdown(applicant: Applicant, unit: Unit, policy: Pick<Policy, 'weights'>): ScoreBreakdown {
  const w = policy.weights;
  const preferred = applicant.preferredDistricts.includes(unit.district) ? 1 : 0;
  const fits = unit.bedrooms === applicant.bedroomsNeeded ? 1 : 0;
  return {
    priority: w.priority * applicant.priority,
    waiting: (w.waiting * applicant.waitingDays) / 30,
    preference: w.preference * preferred,
    fit: w.fit * fits,
    total: score(applicant, unit, policy),
  };
}
