import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocate } from './allocate';
import { verifyCertificate } from './certificate';
import { isEligible } from './eligibility';
import { frontierInstance, priorityFrontier, verifyFrontierPoint } from './frontier';
import { parseInstance } from './instance';
import { score } from './score';
import { instances } from './testing/arbitraries';
import { Instance } from './types';

/** Best total by exhaustive search (building and district caps included). */
function bruteForceOptimum(instance: Instance): number {
  const { applicants, units, policy } = instance;
  const cap = policy.maxPerBuilding ?? Infinity;
  const districtCap = (d: string) => {
    const caps = policy.maxPerDistrict;
    if (caps === null || caps === undefined) return Infinity;
    return typeof caps === 'number' ? caps : d in caps ? caps[d] : Infinity;
  };
  const used = new Set<number>();
  const load = new Map<string, number>();
  const search = (u: number): number => {
    if (u === units.length) return 0;
    let best = search(u + 1);
    const unit = units[u];
    const [b, d] = [load.get(`b:${unit.buildingId}`) ?? 0, load.get(`d:${unit.district}`) ?? 0];
    if (b >= cap || d >= districtCap(unit.district)) return best;
    applicants.forEach((applicant, a) => {
      if (used.has(a) || !isEligible(applicant, unit, policy)) return;
      used.add(a);
      load.set(`b:${unit.buildingId}`, b + 1);
      load.set(`d:${unit.district}`, d + 1);
      best = Math.max(best, score(applicant, unit, policy) + search(u + 1));
      load.set(`b:${unit.buildingId}`, b);
      load.set(`d:${unit.district}`, d);
      used.delete(a);
    });
    return best;
  };
  return search(0);
}

/** Households without a flat for whom a lower-priority household holds a flat they were eligible for: the largest gap each. */
function passedOverPlainly(instance: Instance, pairs: readonly { applicantId: string; unitId: string }[]): number[] {
  const housed = new Map(pairs.map((p) => [p.applicantId, instance.units.find((u) => u.id === p.unitId)!]));
  const gaps: number[] = [];
  for (const waiting of instance.applicants) {
    if (housed.has(waiting.id)) continue;
    const gapsOfThis = instance.applicants
      .filter((other) => housed.has(other.id) && other.priority < waiting.priority && isEligible(waiting, housed.get(other.id)!, instance.policy))
      .map((other) => waiting.priority - other.priority);
    if (gapsOfThis.length > 0) gaps.push(Math.max(...gapsOfThis));
  }
  return gaps;
}

const tolerance = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

describe('priorityFrontier (what strict priority costs)', () => {
  it('gives exact, certified optima for each weight on priority, described under the board’s policy', () => {
    fc.assert(
      fc.property(instances({ maxApplicants: 7, maxUnits: 5 }), (instance) => {
        const frontier = priorityFrontier(instance);
        expect(frontier.points.length).toBeGreaterThan(0);
        for (const point of frontier.points) {
          const solved = frontierInstance(instance, point.priorityWeight);
          expect(point.objective).toBeCloseTo(bruteForceOptimum(solved), 6);
          expect(verifyCertificate(solved, { assignments: allocateScores(solved, point.assignments), totalScore: point.objective, certificate: point.certificate }).valid).toBe(true);
          expect(verifyFrontierPoint(instance, point)).toEqual({ valid: true, errors: [] });
          const byId = (id: string) => instance.applicants.find((a) => a.id === id)!;
          const unitById = (id: string) => instance.units.find((u) => u.id === id)!;
          let total = 0;
          for (const a of point.assignments) {
            expect(a.score).toBe(score(byId(a.applicantId), unitById(a.unitId), instance.policy));
            total += a.score;
          }
          expect(point.totalScore).toBeCloseTo(total, 9);
          expect(point.assigned).toBe(point.assignments.length);
          const gaps = passedOverPlainly(instance, point.assignments);
          expect(point.passedOver.households).toBe(gaps.length);
          expect(point.passedOver.maxPoints).toBeCloseTo(Math.max(0, ...gaps), 9);
          expect(point.passedOver.totalPoints).toBeCloseTo(gaps.reduce((s, g) => s + g, 0), 9);
        }
        // The first point is the best overall allocation under the board's own weights.
        expect(frontier.points[0].totalScore).toBeCloseTo(allocate(instance, 'optimal').totalScore, 6);
        expect(frontier.strictPriority.assignments.map((a) => [a.applicantId, a.unitId])).toEqual(
          allocate(instance, 'priority').assignments.map((a) => [a.applicantId, a.unitId]),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('never houses less priority, nor more of the rest of the score, as the weight on priority rises', () => {
    fc.assert(
      fc.property(instances({ maxApplicants: 8, maxUnits: 5 }), (instance) => {
        const { points } = priorityFrontier(instance);
        for (let i = 1; i < points.length; i++) {
          const [before, after] = [points[i - 1], points[i]];
          expect(after.priorityHoused).toBeGreaterThanOrEqual(before.priorityHoused - tolerance(before.priorityHoused));
          const rest = (p: typeof before) => p.objective - p.priorityWeight * p.priorityHoused;
          expect(rest(after)).toBeLessThanOrEqual(rest(before) + tolerance(Math.max(before.objective, after.objective)));
          // Distinct allocations only.
          expect(after.assignments).not.toEqual(before.assignments);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the district-cap example of docs/matching-rules.md: insisting on priority costs 5 points and leaves h4 waiting', () => {
    const example = parseInstance(JSON.parse(readFileSync(join(__dirname, '..', 'test-fixtures', 'district-cap-example.json'), 'utf8')));
    const { points, strictPriority } = priorityFrontier(example, { priorityWeights: [1, 4] });
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({ priorityWeight: 1, totalScore: 145, objective: 145, assigned: 3, priorityHoused: 115 });
    expect(points[0].passedOver).toEqual({ households: 1, maxPoints: 5, totalPoints: 5 });
    // Weight 4: h1, h2, h3 housed (4 × 120 + 20 = 500); under the board's weights 120 + 20 = 140.
    expect(points[1]).toMatchObject({ priorityWeight: 4, totalScore: 140, objective: 500, assigned: 3, priorityHoused: 120 });
    expect(points[1].passedOver).toEqual({ households: 0, maxPoints: 0, totalPoints: 0 });
    expect(points[1].assignments.map((a) => a.applicantId)).toEqual(['h1', 'h2', 'h3']);
    expect(strictPriority).toMatchObject({ totalScore: 140, assigned: 3, priorityHoused: 120, passedOver: { households: 0, maxPoints: 0, totalPoints: 0 } });
  });

  it('a tampered point is refused: a lowered certificate value, or a claimed objective above the proof', () => {
    fc.assert(
      fc.property(
        instances({ maxApplicants: 6, maxUnits: 4 }).filter((i) => allocate(i, 'optimal').assignments.length > 0),
        (instance) => {
          const [point] = priorityFrontier(instance, { priorityWeights: [instance.policy.weights.priority + 1] }).points;
          const [first] = point.assignments;
          const applicants = { ...point.certificate.applicants, [first.applicantId]: point.certificate.applicants[first.applicantId] - 1 };
          expect(verifyFrontierPoint(instance, { ...point, certificate: { ...point.certificate, applicants } }).valid).toBe(false);
          expect(verifyFrontierPoint(instance, { ...point, objective: point.objective + 1 }).valid).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses weights that are not ascending', () => {
    const example = parseInstance(JSON.parse(readFileSync(join(__dirname, '..', 'test-fixtures', 'district-cap-example.json'), 'utf8')));
    expect(() => priorityFrontier(example, { priorityWeights: [2, 1] })).toThrow(/ascending/);
    expect(() => priorityFrontier(example, { priorityWeights: [-1] })).toThrow(/non-negative/);
  });
});

/** The point's pairs with their scores under the instance they were solved for (what its certificate covers). */
function allocateScores(solved: Instance, pairs: readonly { applicantId: string; unitId: string }[]) {
  return pairs.map(({ applicantId, unitId }) => ({
    applicantId,
    unitId,
    score: score(solved.applicants.find((a) => a.id === applicantId)!, solved.units.find((u) => u.id === unitId)!, solved.policy),
  }));
}
