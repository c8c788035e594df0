import { AllocationMode, DistrictCaps, Policy, Weights } from '@hearth/matching-engine';

/** The policy a run was solved with, as stored with it and in its census. */
export interface RunPolicy {
  weights: Weights;
  /** null: no cap. */
  maxPerBuilding: number | null;
  maxExtraBedrooms: number;
  /**
   * At most this many allocations per district (one number for all, or by district code), an
   * engine constraint; null: no cap. Runs stored before district caps existed lack it (no cap).
   */
  maxPerDistrict?: DistrictCaps | null;
}

export function enginePolicy(mode: AllocationMode, policy: RunPolicy): Policy {
  const { maxPerDistrict } = policy;
  return {
    mode,
    weights: policy.weights,
    maxPerBuilding: policy.maxPerBuilding,
    maxExtraBedrooms: policy.maxExtraBedrooms,
    // Left out rather than null when there is none, so instances stay as they were before district caps.
    ...(maxPerDistrict === null || maxPerDistrict === undefined ? {} : { maxPerDistrict }),
  };
}

/**
 * The engine that solved a run. The engine library carries no version of its own; this names the
 * rules it implements (docs/matching-rules.md) and is bumped whenever the engine changes.
 */
export const ENGINE_VERSION = 'hearth-matching-engine/1.1 (docs/matching-rules.md)';
