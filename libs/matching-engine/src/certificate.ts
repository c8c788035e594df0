import { isEligible } from './eligibility';
import { score } from './score';
import { AllocationResult, Instance, districtCapOf, maxExtraBedroomsOf } from './types';

export interface VerificationReport {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

const RELATIVE_TOLERANCE = 1e-6;
const MAX_ERRORS = 20;

/**
 * Checks, without trusting the engine, that `result` is a feasible allocation with correct scores
 * and total (building and district caps included), and that its certificate proves it optimal:
 * dual feasibility on every eligible pair and a dual objective equal to the total (tolerance
 * 1e-6, relative).
 */
export function verifyCertificate(
  instance: Instance,
  result: Pick<AllocationResult, 'assignments' | 'totalScore' | 'certificate'>,
): VerificationReport {
  const errors: string[] = [];
  const report = (message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push(message);
    else if (errors.length === MAX_ERRORS) errors.push('... (further errors omitted)');
  };
  const applicantById = indexById(instance.applicants);
  const unitById = indexById(instance.units);
  const cap = instance.policy.maxPerBuilding;
  const excluded = new Set((instance.excludedPairs ?? []).map((p) => pairKey(p.applicantId, p.unitId)));

  let sum = 0;
  const assignedApplicants = new Set<string>();
  const assignedUnits = new Set<string>();
  const buildingLoad = new Map<string, number>();
  const districtLoad = new Map<string, number>();
  for (const { applicantId, unitId, score: claimed } of result.assignments) {
    const applicant = applicantById.get(applicantId);
    const unit = unitById.get(unitId);
    sum += claimed;
    if (!applicant || !unit) {
      report(`assignment ${applicantId} -> ${unitId} names an unknown ${applicant ? 'unit' : 'applicant'}`);
      continue;
    }
    if (assignedApplicants.has(applicantId)) report(`applicant ${applicantId} is assigned more than once`);
    if (assignedUnits.has(unitId)) report(`unit ${unitId} is assigned more than once`);
    assignedApplicants.add(applicantId);
    assignedUnits.add(unitId);
    buildingLoad.set(unit.buildingId, (buildingLoad.get(unit.buildingId) ?? 0) + 1);
    districtLoad.set(unit.district, (districtLoad.get(unit.district) ?? 0) + 1);
    if (!isEligible(applicant, unit, instance.policy)) report(`pair ${applicantId} -> ${unitId} is not eligible`);
    else if (excluded.has(pairKey(applicantId, unitId))) report(`pair ${applicantId} -> ${unitId} is not eligible (an excluded pair)`);
    const expected = score(applicant, unit, instance.policy);
    if (!(Math.abs(claimed - expected) <= tolerance(expected))) {
      report(`pair ${applicantId} -> ${unitId} has score ${claimed}, expected ${expected}`);
    }
  }
  if (cap !== null) {
    for (const [buildingId, load] of buildingLoad) {
      if (load > cap) report(`building ${buildingId} has ${load} allocations, more than the cap of ${cap}`);
    }
  }
  for (const [district, load] of districtLoad) {
    const districtCap = districtCapOf(instance.policy, district);
    if (districtCap !== null && load > districtCap) {
      report(`district ${district} has ${load} allocations, more than its cap of ${districtCap}`);
    }
  }
  if (!(Math.abs(sum - result.totalScore) <= tolerance(sum))) {
    report(`totalScore ${result.totalScore} differs from the sum of the scores ${sum}`);
  }

  const certificate = result.certificate;
  if (!certificate) {
    report('no certificate');
    return { valid: false, errors };
  }
  const dualOf = (record: Readonly<Record<string, number>>, kind: string, id: string): number => {
    const value = Object.prototype.hasOwnProperty.call(record, id) ? record[id] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      report(`certificate has no finite value for ${kind} ${id}`);
      return NaN;
    }
    if (value < -RELATIVE_TOLERANCE) report(`certificate value for ${kind} ${id} is negative (${value})`);
    return value;
  };
  const applicantDual = new Map(instance.applicants.map((a) => [a.id, dualOf(certificate.applicants, 'applicant', a.id)]));
  const unitDual = new Map(instance.units.map((u) => [u.id, dualOf(certificate.units, 'unit', u.id)]));
  const buildingDual = new Map<string, number>();
  for (const unit of instance.units) {
    if (buildingDual.has(unit.buildingId)) continue;
    const z = dualOf(certificate.buildings, 'building', unit.buildingId);
    if (cap === null && Math.abs(z) > RELATIVE_TOLERANCE) {
      report(`building ${unit.buildingId} has no cap, so its certificate value must be 0 (got ${z})`);
    }
    buildingDual.set(unit.buildingId, z);
  }
  // A certificate made without district caps may leave the districts out: every w[d] is then 0.
  const districtValues = certificate.districts ?? Object.create(null);
  const districtDual = new Map<string, number>();
  let districtTerm = 0;
  for (const unit of instance.units) {
    if (districtDual.has(unit.district)) continue;
    const districtCap = districtCapOf(instance.policy, unit.district);
    const missing = certificate.districts === undefined && districtCap === null;
    const w = missing ? 0 : dualOf(districtValues, 'district', unit.district);
    if (districtCap === null && Math.abs(w) > RELATIVE_TOLERANCE) {
      report(`district ${unit.district} has no cap, so its certificate value must be 0 (got ${w})`);
    }
    if (districtCap !== null) districtTerm += districtCap * w;
    districtDual.set(unit.district, w);
  }

  // One pass over the eligible pairs, streamed: each unit's part of the cover is added up once.
  const applicantCover = Float64Array.from(instance.applicants, (a) => applicantDual.get(a.id) as number);
  const unitCover = Float64Array.from(
    instance.units,
    (u) => (unitDual.get(u.id) as number) + (buildingDual.get(u.buildingId) as number) + (districtDual.get(u.district) as number),
  );
  checkCover(instance, applicantCover, unitCover, (a, u, cover, s) => {
    // An excluded pair (an offer declined) is not eligible: nothing to cover.
    if (excluded.size > 0 && excluded.has(pairKey(instance.applicants[a].id, instance.units[u].id))) return true;
    report(`dual constraint violated for ${instance.applicants[a].id} -> ${instance.units[u].id}: ${cover} < score ${s}`);
    return errors.length <= MAX_ERRORS;
  });

  const sumOf = (values: Iterable<number>): number => {
    let total = 0;
    for (const value of values) total += value;
    return total;
  };
  const dualObjective =
    sumOf(applicantDual.values()) +
    sumOf(unitDual.values()) +
    (cap === null ? 0 : cap * sumOf(buildingDual.values())) +
    districtTerm;
  if (!(Math.abs(dualObjective - result.totalScore) <= tolerance(result.totalScore))) {
    report(`dual objective ${dualObjective} differs from totalScore ${result.totalScore}`);
  }
  return { valid: errors.length === 0, errors };
}

function pairKey(applicantId: string, unitId: string): string {
  return JSON.stringify([applicantId, unitId]);
}

function tolerance(value: number): number {
  return RELATIVE_TOLERANCE * Math.max(1, Math.abs(value));
}

function indexById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

const WHEELCHAIR = 1;
const STEP_FREE = 2;
const PETS = 4;

/**
 * Checks `applicantCover[a] + unitCover[u] >= score(a, u)` (relative tolerance 1e-6) for every
 * eligible pair, in one pass that materialises nothing per pair. Flats are grouped by bedrooms and
 * sorted by rent inside a group, so a household's candidates are, for each bedroom count it
 * accepts, a prefix of a group up to its rent limit; the other rules are a few comparisons. When
 * the household's cover plus the smallest flat cover of that prefix already reaches the best score
 * the household can have there, no pair of the prefix can be uncovered and the prefix is skipped
 * (unless `countPairs`). Written apart from the engine (which has its own enumeration) so that the
 * check does not share its mistakes; the rules and the score are those of eligibility.ts and
 * score.ts, term for term. Calls `violated` for each uncovered pair until it returns false;
 * returns the number of eligible pairs when `countPairs`, else those it looked at.
 */
export function checkCover(
  instance: Instance,
  applicantCover: Float64Array,
  unitCover: Float64Array,
  violated: (applicant: number, unit: number, cover: number, score: number) => boolean,
  countPairs = false,
): number {
  const { applicants, units, policy } = instance;
  const w = policy.weights;
  const extra = maxExtraBedroomsOf(policy);
  const nU = units.length;
  const districtIndex = new Map<string, number>();
  const districtOf = (code: string): number => {
    let d = districtIndex.get(code);
    if (d === undefined) districtIndex.set(code, (d = districtIndex.size));
    return d;
  };
  const order = Array.from(units.keys()).sort((x, y) => units[x].bedrooms - units[y].bedrooms || units[x].rent - units[y].rent);
  const unitAt = Int32Array.from(order);
  const rent = Float64Array.from(order, (u) => units[u].rent);
  const occupants = Float64Array.from(order, (u) => units[u].maxOccupants);
  const features = Int32Array.from(order, (u) => {
    const unit = units[u];
    return (unit.wheelchairAccessible ? WHEELCHAIR : 0) | (unit.stepFree ? STEP_FREE : 0) | (unit.petsAllowed ? PETS : 0);
  });
  const district = Int32Array.from(order, (u) => districtOf(units[u].district));
  const cover = Float64Array.from(order, (u) => unitCover[u]);
  // Bedroom groups: groupBedrooms[g] for positions groupStart[g] .. groupStart[g + 1].
  const groupBedrooms: number[] = [];
  const groupStartList: number[] = [];
  order.forEach((u, k) => {
    if (k === 0 || units[u].bedrooms !== groupBedrooms[groupBedrooms.length - 1]) {
      groupBedrooms.push(units[u].bedrooms);
      groupStartList.push(k);
    }
  });
  groupStartList.push(nU);
  const groupStart = Int32Array.from(groupStartList);
  /** Smallest cover from the start of its group up to each position. */
  const prefixMin = new Float64Array(nU);
  for (let g = 0; g < groupBedrooms.length; g++) {
    let min = Infinity;
    for (let k = groupStart[g]; k < groupStart[g + 1]; k++) prefixMin[k] = min = Math.min(min, cover[k]);
  }
  /** 0: neither; 1: excluded; 2: preferred (excluded wins: the pair is not eligible). */
  const status = new Uint8Array(districtIndex.size);
  const setStatus = (codes: readonly string[], value: number): void => {
    for (const code of codes) {
      const d = districtIndex.get(code);
      if (d !== undefined) status[d] = value;
    }
  };

  let pairs = 0;
  let stop = false;
  for (let a = 0; a < applicants.length && !stop; a++) {
    const applicant = applicants[a];
    const need = applicant.bedroomsNeeded;
    const size = applicant.householdSize;
    const maxRent = applicant.maxRent;
    const required = (applicant.wheelchair ? WHEELCHAIR : 0) | (applicant.stepFree ? STEP_FREE : 0) | (applicant.pets ? PETS : 0);
    const base = w.priority * applicant.priority + (w.waiting * applicant.waitingDays) / 30;
    const preferredScore = base + w.preference * 1;
    const neutralScore = base + w.preference * 0;
    const ya = applicantCover[a];
    let marked = false;
    for (let g = firstAtLeast(groupBedrooms, need); g < groupBedrooms.length && groupBedrooms[g] <= need + extra && !stop; g++) {
      const start = groupStart[g];
      const end = firstAbove(rent, maxRent, start, groupStart[g + 1]);
      if (end === start) continue;
      const fit = w.fit * (groupBedrooms[g] === need ? 1 : 0);
      const scorePreferred = preferredScore + fit;
      const scoreNeutral = neutralScore + fit;
      if (!countPairs && ya + prefixMin[end - 1] >= Math.max(scorePreferred, scoreNeutral)) continue;
      if (!marked) {
        setStatus(applicant.preferredDistricts, 2);
        setStatus(applicant.excludedDistricts, 1);
        marked = true;
      }
      for (let k = start; k < end; k++) {
        if (occupants[k] < size || (features[k] & required) !== required) continue;
        const st = status[district[k]];
        if (st === 1) continue;
        pairs++;
        const s = st === 2 ? scorePreferred : scoreNeutral;
        const c = ya + cover[k];
        if (!(c >= s - RELATIVE_TOLERANCE * Math.max(1, Math.abs(s))) && !violated(a, unitAt[k], c, s)) {
          stop = true;
          break;
        }
      }
    }
    if (marked) {
      setStatus(applicant.preferredDistricts, 0);
      setStatus(applicant.excludedDistricts, 0);
    }
  }
  return pairs;
}

/** First position in [from, to) whose value is > x (values ascending there). */
function firstAbove(sorted: Float64Array, x: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
