import { allocate, AllocationResult, Assignment, Instance, parseInstance, verifyCertificate } from '@hearth/matching-engine';

export interface RunVerification {
  valid: boolean;
  /** What was checked, in words. */
  checks: string[];
  errors: string[];
}

/**
 * Re-checks a stored run from its census alone. optimal: the engine's independent checker
 * (`verifyCertificate`: feasibility, every score, the total, and the certificate's dual bound)
 * on the stored instance. priority: the result is unique, so it is recomputed from the stored
 * instance and compared pair by pair and in total.
 */
export function verifyRun(instanceJson: unknown, stored: Pick<AllocationResult, 'mode' | 'assignments' | 'totalScore' | 'certificate'>): RunVerification {
  let instance: Instance;
  try {
    instance = parseInstance(instanceJson);
  } catch (error) {
    return { valid: false, checks: ['the stored instance is a valid engine instance'], errors: [error instanceof Error ? error.message : String(error)] };
  }
  if (stored.mode === 'optimal') {
    const report = verifyCertificate(instance, stored);
    return {
      valid: report.valid,
      checks: [
        'every assigned pair is eligible, each household and unit is assigned at most once, building caps hold',
        'every score and the total are recomputed from the instance',
        'the certificate covers every eligible pair and its bound equals the total: no allocation scores more',
      ],
      errors: [...report.errors],
    };
  }
  const recomputed = allocate(instance, 'priority');
  const errors = compareAssignments(stored.assignments, recomputed.assignments);
  if (Math.abs(recomputed.totalScore - stored.totalScore) > 1e-6 * Math.max(1, Math.abs(stored.totalScore))) {
    errors.push(`total score ${stored.totalScore} differs from the recomputed ${recomputed.totalScore}`);
  }
  return {
    valid: errors.length === 0,
    checks: ['the priority allocation is recomputed from the stored instance and matches pair by pair and in total'],
    errors,
  };
}

function compareAssignments(stored: readonly Assignment[], recomputed: readonly Assignment[]): string[] {
  const errors: string[] = [];
  const expected = new Map(recomputed.map((a) => [a.applicantId, a]));
  const seen = new Set<string>();
  for (const assignment of stored) {
    seen.add(assignment.applicantId);
    const other = expected.get(assignment.applicantId);
    if (!other) errors.push(`${assignment.applicantId} -> ${assignment.unitId} is not in the recomputed allocation`);
    else if (other.unitId !== assignment.unitId) errors.push(`${assignment.applicantId} got ${assignment.unitId}, the recomputed allocation gives ${other.unitId}`);
    else if (Math.abs(other.score - assignment.score) > 1e-9 * Math.max(1, Math.abs(other.score))) {
      errors.push(`${assignment.applicantId} -> ${assignment.unitId} has score ${assignment.score}, recomputed ${other.score}`);
    }
  }
  for (const assignment of recomputed) {
    if (!seen.has(assignment.applicantId)) errors.push(`the recomputed allocation also gives ${assignment.applicantId} -> ${assignment.unitId}`);
  }
  return errors;
}
