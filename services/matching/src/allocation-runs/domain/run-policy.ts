import { AllocationMode, Policy, Weights } from '@hearth/matching-engine';

/** The policy a run was solved with, as stored with it and in its census. */
export interface RunPolicy {
  weights: Weights;
  /** null: no cap. */
  maxPerBuilding: number | null;
  maxExtraBedrooms: number;
}

export function enginePolicy(mode: AllocationMode, policy: RunPolicy): Policy {
  return { mode, weights: policy.weights, maxPerBuilding: policy.maxPerBuilding, maxExtraBedrooms: policy.maxExtraBedrooms };
}

/**
 * The engine that solved a run. The engine library carries no version of its own; this names the
 * rules it implements (docs/matching-rules.md) and is bumped whenever the engine changes.
 */
export const ENGINE_VERSION = 'hearth-matching-engine/1.0 (docs/matching-rules.md)';
