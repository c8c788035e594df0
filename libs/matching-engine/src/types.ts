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
}

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
