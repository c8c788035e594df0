import { allocate, AllocationResult, Assignment, Frontier, Instance, parseInstance, score, verifyCertificate, verifyFrontierPoint } from '@hearth/matching-engine';

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
 * instance and compared pair by pair and in total. A stored frontier is checked point by point:
 * each certificate for its own weight on priority, each total under the run's policy recomputed.
 */
export function verifyRun(
  instanceJson: unknown,
  stored: Pick<AllocationResult, 'mode' | 'assignments' | 'totalScore' | 'certificate'>,
  frontier: Frontier | null = null,
): RunVerification {
  let instance: Instance;
  try {
    instance = parseInstance(instanceJson);
  } catch (error) {
    return { valid: false, checks: ['the stored instance is a valid engine instance'], errors: [error instanceof Error ? error.message : String(error)] };
  }
  if (stored.mode === 'optimal') {
    const report = verifyCertificate(instance, stored);
    const errors = [...report.errors, ...(frontier ? frontierErrors(instance, frontier) : [])];
    return {
      valid: errors.length === 0,
      checks: [
        'every assigned pair is eligible, each household and unit is assigned at most once, building and district caps hold',
        'every score and the total are recomputed from the instance',
        'the certificate covers every eligible pair and its bound equals the total: no allocation scores more',
        ...(frontier ? ['each frontier point: its certificate proves it optimal for its weight on priority, and its total under the run’s policy is recomputed'] : []),
      ],
      errors,
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

function frontierErrors(instance: Instance, frontier: Frontier): string[] {
  const applicants = new Map(instance.applicants.map((a) => [a.id, a]));
  const units = new Map(instance.units.map((u) => [u.id, u]));
  return frontier.points.flatMap((point, i) => {
    const errors = verifyFrontierPoint(instance, point).errors.map((error) => `frontier point ${i + 1}: ${error}`);
    let total = 0;
    for (const { applicantId, unitId } of point.assignments) {
      const applicant = applicants.get(applicantId);
      const unit = units.get(unitId);
      total += applicant && unit ? score(applicant, unit, instance.policy) : NaN;
    }
    if (!(Math.abs(total - point.totalScore) <= 1e-6 * Math.max(1, Math.abs(total)))) {
      errors.push(`frontier point ${i + 1}: total score ${point.totalScore} differs from the recomputed ${total}`);
    }
    return errors;
  });
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
