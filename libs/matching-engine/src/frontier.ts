import { allocate } from './allocate';
import { VerificationReport, verifyCertificate } from './certificate';
import { isEligible } from './eligibility';
import { score } from './score';
import { Assignment, Certificate, Instance, Policy } from './types';

/** How far an allocation departs from strict priority order. */
export interface PassedOver {
  /**
   * Households left without a flat while a household of lower priority got a flat they were
   * eligible for (a household of equal priority does not count).
   */
  readonly households: number;
  /** The largest priority gap: priority of a household passed over minus that of the one housed instead. */
  readonly maxPoints: number;
  /** Sum over the households passed over of their largest gap. */
  readonly totalPoints: number;
}

/** One exact optimum of the frontier. */
export interface FrontierPoint {
  /** The weight on priority this optimum was found with (the policy's own weight at the first point). */
  readonly priorityWeight: number;
  /** Sorted by applicant id, as allocate returns them; scores are those of the board's policy. */
  readonly assignments: readonly Assignment[];
  /** Total score under the board's policy (the weights of the instance), comparable across points. */
  readonly totalScore: number;
  /** Total under this point's weights: what this point maximises, and what its certificate proves. */
  readonly objective: number;
  readonly assigned: number;
  /** Sum of the priorities of the households housed. */
  readonly priorityHoused: number;
  readonly passedOver: PassedOver;
  /** Dual certificate for the instance with `priorityWeight` as the weight on priority (see frontierInstance). */
  readonly certificate: Certificate;
}

export interface FrontierOptions {
  /**
   * Weights on priority to solve with, ascending; by default the policy's weight times 1, 2, 4, 8,
   * 16 and 64 (0, 1, 2, 4, 8, 16 when the policy gives priority no weight).
   */
  readonly priorityWeights?: readonly number[];
}

export interface Frontier {
  /** Distinct optima, by increasing weight on priority (a weight giving the same allocation as the previous one is left out). */
  readonly points: readonly FrontierPoint[];
  /** Strict priority order (priority mode) under the same caps, for reference: no certificate, it is not an optimum. */
  readonly strictPriority: Omit<FrontierPoint, 'priorityWeight' | 'objective' | 'certificate'>;
}

/**
 * What strict priority costs: exact optima of the same instance under increasing weight on priority,
 * from the best overall allocation (the policy's own weights) towards strict priority order, each
 * with its total under the board's policy, how many households it houses, how many it passes over
 * for someone of lower priority and by how many points, and the certificate proving it optimal for
 * its weights. As the weight rises, the priority housed never falls and the rest of the score never
 * rises (docs/matching-rules.md#what-strict-priority-costs).
 */
export function priorityFrontier(instance: Instance, options: FrontierOptions = {}): Frontier {
  const weights = options.priorityWeights ?? defaultPriorityWeights(instance.policy);
  for (let i = 0; i < weights.length; i++) {
    if (!Number.isFinite(weights[i]) || weights[i] < 0 || (i > 0 && weights[i] <= weights[i - 1])) {
      throw new Error('priorityWeights must be finite, non-negative and strictly ascending');
    }
  }
  const describe = describer(instance);
  const points: FrontierPoint[] = [];
  let previousKey: string | undefined;
  for (const priorityWeight of weights) {
    const result = allocate(frontierInstance(instance, priorityWeight), 'optimal', { certificate: true });
    const key = result.assignments.map((a) => `${a.applicantId}\u0000${a.unitId}`).join('\u0001');
    if (key === previousKey) continue;
    previousKey = key;
    points.push({ priorityWeight, objective: result.totalScore, certificate: result.certificate as Certificate, ...describe(result.assignments) });
  }
  return { points, strictPriority: describe(allocate(instance, 'priority').assignments) };
}

/** The instance a frontier point is an optimum of: the same, with `priorityWeight` as the weight on priority. */
export function frontierInstance(instance: Instance, priorityWeight: number): Instance {
  const policy: Policy = { ...instance.policy, mode: 'optimal', weights: { ...instance.policy.weights, priority: priorityWeight } };
  return { ...instance, policy };
}

function defaultPriorityWeights(policy: Policy): number[] {
  const w = policy.weights.priority;
  return w > 0 ? [1, 2, 4, 8, 16, 64].map((m) => w * m) : [0, 1, 2, 4, 8, 16];
}

/** Scores (under the board's policy), counts and passed-over figures of an allocation. */
function describer(instance: Instance) {
  const { applicants, units, policy } = instance;
  const applicantIndex = new Map(applicants.map((a, i) => [a.id, i]));
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  return (pairs: readonly Assignment[]): Omit<FrontierPoint, 'priorityWeight' | 'objective' | 'certificate'> => {
    const housedIn = new Map<number, number>();
    for (const pair of pairs) housedIn.set(applicantIndex.get(pair.applicantId) as number, unitIndex.get(pair.unitId) as number);
    const assignments = pairs.map((pair) => {
      const a = applicants[applicantIndex.get(pair.applicantId) as number];
      return { applicantId: pair.applicantId, unitId: pair.unitId, score: score(a, units[unitIndex.get(pair.unitId) as number], policy) };
    });
    let totalScore = 0;
    let priorityHoused = 0;
    for (const assignment of assignments) totalScore += assignment.score;
    for (const a of housedIn.keys()) priorityHoused += applicants[a].priority;
    // A household without a flat is passed over by each housed household of lower priority whose flat it could have had.
    let households = 0;
    let maxPoints = 0;
    let totalPoints = 0;
    applicants.forEach((waiting, w) => {
      if (housedIn.has(w)) return;
      let gap = 0;
      for (const [a, u] of housedIn) {
        const lower = applicants[a].priority;
        if (lower < waiting.priority && isEligible(waiting, units[u], policy)) gap = Math.max(gap, waiting.priority - lower);
      }
      if (gap > 0) {
        households++;
        maxPoints = Math.max(maxPoints, gap);
        totalPoints += gap;
      }
    });
    return { assignments, totalScore, assigned: assignments.length, priorityHoused, passedOver: { households, maxPoints, totalPoints } };
  };
}

/**
 * Checks a frontier point without trusting the engine: its certificate must prove its pairs optimal
 * for the instance with the point's weight on priority (scores recomputed under those weights).
 */
export function verifyFrontierPoint(
  instance: Instance,
  point: Pick<FrontierPoint, 'priorityWeight' | 'assignments' | 'objective' | 'certificate'>,
): VerificationReport {
  const solved = frontierInstance(instance, point.priorityWeight);
  const applicantById = new Map(solved.applicants.map((a) => [a.id, a]));
  const unitById = new Map(solved.units.map((u) => [u.id, u]));
  const assignments = point.assignments.map(({ applicantId, unitId }) => {
    const applicant = applicantById.get(applicantId);
    const unit = unitById.get(unitId);
    return { applicantId, unitId, score: applicant && unit ? score(applicant, unit, solved.policy) : NaN };
  });
  return verifyCertificate(solved, { assignments, totalScore: point.objective, certificate: point.certificate });
}
