import { AllocationMode, Instance, parseInstance, Unit } from '@hearth/matching-engine';
import type { Candidate } from '../../household-pool/candidates';
import { toEngineApplicant } from '../../household-pool/engine-applicant';
import { enginePolicy, RunPolicy } from './run-policy';

/** A run's input exactly as the engine (and its CLI) reads it, plus who each applicant id is. */
export interface RunSnapshot {
  instance: Instance;
  /** householdId → pseudonymous reference (HX-…), for people reading the census. */
  householdReferences: Record<string, string>;
  /** The day waiting time was counted to. */
  runDate: string;
}

/**
 * Builds the engine instance of a run: the candidates (applicant id = household id, waiting days
 * counted to the run date) and the units, both in id order so that the same pool gives the same
 * instance. It goes through `parseInstance`, so the stored census is exactly what the engine's
 * CLI accepts: `npm run -s match -- --input instance.json --mode optimal --certificate`.
 */
export function buildRunSnapshot(mode: AllocationMode, policy: RunPolicy, candidates: readonly Candidate[], units: readonly Unit[], runDate: string): RunSnapshot {
  const applicants = candidates.map((candidate) => toEngineApplicant(candidate, runDate)).sort(byId);
  const instance = parseInstance({ policy: enginePolicy(mode, policy), applicants, units: [...units].sort(byId) });
  const householdReferences: Record<string, string> = {};
  for (const candidate of candidates) householdReferences[candidate.householdId] = candidate.reference;
  return { instance, householdReferences, runDate };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
