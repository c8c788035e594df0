import { isEligible } from './eligibility';
import { score } from './score';
import { AllocationResult, Applicant, Instance, Unit, districtCapOf, maxExtraBedroomsOf } from './types';

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

  forEachEligiblePair(instance, (applicant, unit) => {
    const s = score(applicant, unit, instance.policy);
    const cover =
      (applicantDual.get(applicant.id) as number) +
      (unitDual.get(unit.id) as number) +
      (buildingDual.get(unit.buildingId) as number) +
      (districtDual.get(unit.district) as number);
    if (!(cover >= s - tolerance(s))) {
      report(`dual constraint violated for ${applicant.id} -> ${unit.id}: ${cover} < score ${s}`);
    }
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

function tolerance(value: number): number {
  return RELATIVE_TOLERANCE * Math.max(1, Math.abs(value));
}

function indexById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** Every eligible pair, checked with isEligible; units are pre-sorted by bedrooms only to skip hopeless ones. */
function forEachEligiblePair(instance: Instance, visit: (applicant: Applicant, unit: Unit) => void): void {
  const units = [...instance.units].sort((x, y) => x.bedrooms - y.bedrooms);
  const extra = maxExtraBedroomsOf(instance.policy);
  for (const applicant of instance.applicants) {
    let i = firstWithBedrooms(units, applicant.bedroomsNeeded);
    for (; i < units.length && units[i].bedrooms <= applicant.bedroomsNeeded + extra; i++) {
      if (isEligible(applicant, units[i], instance.policy)) visit(applicant, units[i]);
    }
  }
}

function firstWithBedrooms(sortedUnits: readonly Unit[], bedrooms: number): number {
  let lo = 0;
  let hi = sortedUnits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedUnits[mid].bedrooms < bedrooms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
