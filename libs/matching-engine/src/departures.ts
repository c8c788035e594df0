import { compileInstance } from './compiled-instance';
import { Assignment, Instance } from './types';

/** A flat given to a household while one of higher priority, eligible for it, was left without a flat. */
export interface PriorityDeparture {
  readonly unitId: string;
  /** The household the flat went to, and its priority. */
  readonly applicantId: string;
  readonly priority: number;
  /** The household of highest priority left without a flat that was eligible for this flat (ties: the smallest id). */
  readonly passedOverId: string;
  readonly passedOverPriority: number;
}

/**
 * The departures of an allocation from strict priority order, one per flat: a flat is a departure
 * when a household left without a flat, eligible for it (as the engine decides eligibility: the
 * flats it declined before are not eligible), has a higher priority than the household it went to
 * (equal priority does not count). Named is the household of highest priority so passed over. In
 * the order of `assignments`; one pass over the eligible pairs of the households left out.
 */
export function priorityDepartures(instance: Instance, assignments: readonly Assignment[]): PriorityDeparture[] {
  const { applicants, units } = instance;
  const applicantIndex = new Map(applicants.map((a, i) => [a.id, i]));
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  // Priority of the household housed in each flat; NaN where none.
  const housedPriority = new Float64Array(units.length).fill(Number.NaN);
  const housed = new Uint8Array(applicants.length);
  for (const pair of assignments) {
    const a = applicantIndex.get(pair.applicantId);
    const u = unitIndex.get(pair.unitId);
    if (a === undefined || u === undefined) throw new Error(`assignment ${pair.applicantId} → ${pair.unitId} is not of this instance`);
    housed[a] = 1;
    housedPriority[u] = applicants[a].priority;
  }
  const best = new Int32Array(units.length).fill(-1);
  const compiled = compileInstance(instance);
  const eligible = new Int32Array(units.length);
  const scores = new Float64Array(units.length);
  applicants.forEach((waiting, w) => {
    if (housed[w] === 1) return;
    const n = compiled.eligibleUnits(w, eligible, scores);
    for (let k = 0; k < n; k++) {
      const u = eligible[k];
      if (!(waiting.priority > housedPriority[u])) continue; // NaN (nobody housed) compares false
      const current = best[u] === -1 ? null : applicants[best[u]];
      if (current === null || waiting.priority > current.priority || (waiting.priority === current.priority && waiting.id < current.id)) best[u] = w;
    }
  });
  return assignments.flatMap((pair) => {
    const u = unitIndex.get(pair.unitId)!;
    if (best[u] === -1) return [];
    const passedOver = applicants[best[u]];
    return [{ unitId: pair.unitId, applicantId: pair.applicantId, priority: housedPriority[u], passedOverId: passedOver.id, passedOverPriority: passedOver.priority }];
  });
}
