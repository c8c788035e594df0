import { performance } from 'node:perf_hooks';
import { compileInstance, compareStrings } from './compiled-instance';
import { allocateOptimally } from './optimal-allocation';
import { allocateByPriority } from './priority-allocation';
import { RawAllocation } from './raw-allocation';
import { AllocateOptions, AllocationMode, AllocationResult, Assignment, Certificate, Instance } from './types';

/**
 * Allocates flats to households by the rules of docs/matching-rules.md. `optimal` returns a
 * maximum-score allocation and, on request, the dual certificate proving it.
 */
export function allocate(instance: Instance, mode: AllocationMode, options: AllocateOptions = {}): AllocationResult {
  const started = performance.now();
  assertUniqueIds(instance);
  const compiled = compileInstance(instance);
  let raw: RawAllocation;
  let certificate: Certificate | undefined;
  if (mode === 'optimal') {
    const optimal = allocateOptimally(instance, compiled);
    raw = optimal;
    if (options.certificate) {
      certificate = {
        applicants: byId(instance.applicants.map((a) => a.id), optimal.applicantDual),
        units: byId(instance.units.map((u) => u.id), optimal.unitDual),
        buildings: byId(compiled.buildingIds, optimal.buildingDual),
        districts: byId(compiled.districtIds, optimal.districtDual),
      };
    }
  } else if (mode === 'priority') {
    raw = allocateByPriority(instance, compiled);
  } else {
    throw new Error(`unknown allocation mode ${JSON.stringify(mode)}`);
  }

  const assignments: Assignment[] = [];
  raw.unitOf.forEach((u, a) => {
    if (u >= 0) assignments.push({ applicantId: instance.applicants[a].id, unitId: instance.units[u].id, score: raw.scoreOf[a] });
  });
  assignments.sort((x, y) => compareStrings(x.applicantId, y.applicantId));
  const totalScore = assignments.reduce((sum, assignment) => sum + assignment.score, 0);
  const ms = performance.now() - started;
  return {
    mode,
    assignments,
    totalScore,
    ...(certificate ? { certificate } : {}),
    stats: { eligiblePairs: raw.eligiblePairs, ms: Math.round(ms * 1000) / 1000 },
  };
}

function byId(ids: readonly string[], values: Float64Array): Record<string, number> {
  // A prototype-less record: an id such as "__proto__" stays an ordinary key.
  const record: Record<string, number> = Object.create(null);
  ids.forEach((id, i) => (record[id] = values[i]));
  return record;
}

function assertUniqueIds(instance: Instance): void {
  for (const [items, noun] of [
    [instance.applicants, 'applicant'],
    [instance.units, 'unit'],
  ] as const) {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) throw new Error(`duplicate ${noun} id ${JSON.stringify(item.id)}`);
      seen.add(item.id);
    }
  }
}
