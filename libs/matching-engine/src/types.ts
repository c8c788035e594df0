/** The allocation model of docs/matching-rules.md. The engine reads only these fields. */

export type AllocationMode = 'priority' | 'optimal';

export const ALLOCATION_MODES: readonly AllocationMode[] = ['priority', 'optimal'];

export interface Weights {
  readonly priority: number;
  readonly waiting: number;
  readonly preference: number;
  readonly fit: number;
}

export interface Policy {
  readonly mode: AllocationMode;
  readonly weights: Weights;
  /** At most this many allocations per building; null means no cap. */
  readonly maxPerBuilding: number | null;
  /** A flat may have at most this many bedrooms more than needed; defaults to 1. */
  readonly maxExtraBedrooms?: number;
  /**
   * At most this many allocations per district: one number for every district, or a value per
   * district code (districts not named have no cap). null or left out: no cap.
   */
  readonly maxPerDistrict?: DistrictCaps | null;
}

/** A cap for every district, or per district code. */
export type DistrictCaps = number | Readonly<Record<string, number>>;

export interface Applicant {
  readonly id: string;
  readonly householdSize: number;
  readonly bedroomsNeeded: number;
  readonly maxRent: number;
  readonly wheelchair: boolean;
  readonly stepFree: boolean;
  readonly pets: boolean;
  readonly excludedDistricts: readonly string[];
  readonly preferredDistricts: readonly string[];
  readonly priority: number;
  readonly waitingDays: number;
}

export interface Unit {
  readonly id: string;
  readonly buildingId: string;
  readonly district: string;
  readonly bedrooms: number;
  readonly maxOccupants: number;
  readonly rent: number;
  readonly wheelchairAccessible: boolean;
  readonly stepFree: boolean;
  readonly petsAllowed: boolean;
}

export interface Instance {
  readonly policy: Policy;
  readonly applicants: readonly Applicant[];
  readonly units: readonly Unit[];
  /**
   * Pairs made ineligible whatever the rules say (an offer the household declined). Left out: none.
   * A pair naming an unknown household or flat is ignored.
   */
  readonly excludedPairs?: readonly ExcludedPair[];
}

/** A household and a flat that must not be paired (an offer declined). */
export interface ExcludedPair {
  readonly applicantId: string;
  readonly unitId: string;
}

export interface Assignment {
  readonly applicantId: string;
  readonly unitId: string;
  readonly score: number;
}

/** Dual solution proving optimality: see docs/matching-rules.md#optimality-certificate. */
export interface Certificate {
  readonly applicants: Readonly<Record<string, number>>;
  readonly units: Readonly<Record<string, number>>;
  readonly buildings: Readonly<Record<string, number>>;
  /** w[d] per district (0 for a district without a cap). Older certificates, made without district caps, lack it. */
  readonly districts?: Readonly<Record<string, number>>;
}

export interface AllocationStats {
  readonly eligiblePairs: number;
  readonly ms: number;
}

export interface AllocationResult {
  readonly mode: AllocationMode;
  /** Sorted by applicant id (string order). */
  readonly assignments: readonly Assignment[];
  readonly totalScore: number;
  readonly certificate?: Certificate;
  readonly stats: AllocationStats;
}

export interface AllocateOptions {
  /** Attach the dual certificate (optimal mode only). */
  readonly certificate?: boolean;
}

export const DEFAULT_MAX_EXTRA_BEDROOMS = 1;

export function maxExtraBedroomsOf(policy: Pick<Policy, 'maxExtraBedrooms'>): number {
  return policy.maxExtraBedrooms ?? DEFAULT_MAX_EXTRA_BEDROOMS;
}

/** The cap of one district under the policy, or null when it has none. */
export function districtCapOf(policy: Pick<Policy, 'maxPerDistrict'>, district: string): number | null {
  const caps = policy.maxPerDistrict;
  if (caps === null || caps === undefined) return null;
  if (typeof caps === 'number') return caps;
  return Object.prototype.hasOwnProperty.call(caps, district) ? caps[district] : null;
}
