import { InvalidInstanceError, buildingAcrossDistricts } from './instance';
import { baseScore } from './score';
import { Instance, districtCapOf, maxExtraBedroomsOf } from './types';

const WHEELCHAIR = 1;
const STEP_FREE = 2;
const PETS = 4;
const EXCLUDED = 1;
const PREFERRED = 2;

/**
 * An instance flattened into typed arrays, with units grouped by bedroom count and sorted by
 * rent inside each group, so the eligible units of an applicant are enumerated by scanning
 * only the groups its bedroom range allows, up to its rent limit.
 */
export interface CompiledInstance {
  readonly applicantCount: number;
  readonly unitCount: number;
  readonly buildingCount: number;
  readonly buildingIds: readonly string[];
  /** Building index of each unit. */
  readonly unitBuilding: Int32Array;
  /** Units of building b are buildingUnits[buildingStart[b] .. buildingStart[b + 1]). */
  readonly buildingStart: Int32Array;
  readonly buildingUnits: Int32Array;
  readonly districtCount: number;
  readonly districtIds: readonly string[];
  /** District index of each building (a building's flats share its district). */
  readonly buildingDistrict: Int32Array;
  /** Buildings of district d are districtBuildings[districtStart[d] .. districtStart[d + 1]). */
  readonly districtStart: Int32Array;
  readonly districtBuildings: Int32Array;
  /** Cap of each district; Infinity when it has none. */
  readonly districtCap: Float64Array;
  /** Cap of every building; Infinity when there is none. */
  readonly buildingCap: number;
  /** Position of each unit in the string order of unit ids (for "smallest id" ties). */
  readonly unitIdRank: Int32Array;
  /** Applicant part of the score, evaluated exactly as score() evaluates it. */
  readonly base: Float64Array;
  readonly preferenceWeight: number;
  readonly fitWeight: number;
  /** Upper bound of |score| over all pairs, to scale tolerances. */
  readonly scoreScale: number;
  /**
   * Writes the eligible units of applicant a and their scores into the buffers (length >=
   * unitCount) and returns how many there are.
   */
  eligibleUnits(a: number, units: Int32Array, scores: Float64Array): number;
}

export function compileInstance(instance: Instance): CompiledInstance {
  const { policy, applicants, units } = instance;
  const nA = applicants.length;
  const nU = units.length;
  const maxExtra = maxExtraBedroomsOf(policy);

  const split = buildingAcrossDistricts(units);
  if (split) throw new InvalidInstanceError(split);
  const districtIndex = new Map<string, number>();
  const districtIds: string[] = [];
  const buildingIndex = new Map<string, number>();
  const buildingIds: string[] = [];
  const unitBuilding = new Int32Array(nU);
  const unitDistrict = new Int32Array(nU);
  const unitBedrooms = new Float64Array(nU);
  const unitMaxOccupants = new Float64Array(nU);
  const unitRent = new Float64Array(nU);
  const unitFeatures = new Int32Array(nU);
  units.forEach((unit, u) => {
    let b = buildingIndex.get(unit.buildingId);
    if (b === undefined) {
      b = buildingIds.length;
      buildingIndex.set(unit.buildingId, b);
      buildingIds.push(unit.buildingId);
    }
    unitBuilding[u] = b;
    let d = districtIndex.get(unit.district);
    if (d === undefined) {
      d = districtIndex.size;
      districtIndex.set(unit.district, d);
      districtIds.push(unit.district);
    }
    unitDistrict[u] = d;
    unitBedrooms[u] = unit.bedrooms;
    unitMaxOccupants[u] = unit.maxOccupants;
    unitRent[u] = unit.rent;
    unitFeatures[u] =
      (unit.wheelchairAccessible ? WHEELCHAIR : 0) | (unit.stepFree ? STEP_FREE : 0) | (unit.petsAllowed ? PETS : 0);
  });
  const buildingCount = buildingIds.length;
  const { start: buildingStart, items: buildingUnits } = groupBy(unitBuilding, buildingCount);
  const districtCount = districtIds.length;
  const buildingDistrict = new Int32Array(buildingCount);
  for (let u = 0; u < nU; u++) buildingDistrict[unitBuilding[u]] = unitDistrict[u];
  const { start: districtStart, items: districtBuildings } = groupBy(buildingDistrict, districtCount);
  const districtCap = Float64Array.from(districtIds, (district) => districtCapOf(policy, district) ?? Infinity);

  const unitIdRank = new Int32Array(nU);
  Array.from(units.keys())
    .sort((x, y) => compareStrings(units[x].id, units[y].id))
    .forEach((u, rank) => (unitIdRank[u] = rank));

  // Bedroom groups: distinct bedroom counts ascending, units inside sorted by rent ascending.
  const bedroomValues = Array.from(new Set(units.map((u) => u.bedrooms))).sort((x, y) => x - y);
  const groupOfValue = new Map(bedroomValues.map((v, i) => [v, i]));
  const groupStart = new Int32Array(bedroomValues.length + 1);
  for (let u = 0; u < nU; u++) groupStart[(groupOfValue.get(units[u].bedrooms) as number) + 1]++;
  for (let g = 0; g < bedroomValues.length; g++) groupStart[g + 1] += groupStart[g];
  const order = Array.from(units.keys()).sort(
    (x, y) =>
      (groupOfValue.get(units[x].bedrooms) as number) - (groupOfValue.get(units[y].bedrooms) as number) ||
      unitRent[x] - unitRent[y] ||
      x - y,
  );
  const sortedUnit = Int32Array.from(order);
  const sortedRent = Float64Array.from(order, (u) => unitRent[u]);
  const sortedBedrooms = Float64Array.from(order, (u) => unitBedrooms[u]);
  const sortedMaxOccupants = Float64Array.from(order, (u) => unitMaxOccupants[u]);
  const sortedFeatures = Int32Array.from(order, (u) => unitFeatures[u]);
  const sortedDistrict = Int32Array.from(order, (u) => unitDistrict[u]);

  const base = new Float64Array(nA);
  const householdSize = new Float64Array(nA);
  const bedroomsNeeded = new Float64Array(nA);
  const maxRent = new Float64Array(nA);
  const needs = new Int32Array(nA);
  const firstGroup = new Int32Array(nA);
  const endGroup = new Int32Array(nA);
  const excluded = districtLists(applicants.map((a) => a.excludedDistricts), districtIndex);
  const preferred = districtLists(applicants.map((a) => a.preferredDistricts), districtIndex);
  let maxAbsBase = 0;
  applicants.forEach((applicant, a) => {
    base[a] = baseScore(applicant, policy);
    maxAbsBase = Math.max(maxAbsBase, Math.abs(base[a]));
    householdSize[a] = applicant.householdSize;
    bedroomsNeeded[a] = applicant.bedroomsNeeded;
    maxRent[a] = applicant.maxRent;
    needs[a] = (applicant.wheelchair ? WHEELCHAIR : 0) | (applicant.stepFree ? STEP_FREE : 0) | (applicant.pets ? PETS : 0);
    firstGroup[a] = countBelow(bedroomValues, applicant.bedroomsNeeded, true);
    endGroup[a] = countBelow(bedroomValues, applicant.bedroomsNeeded + maxExtra, false);
  });
  const declined = excludedPairLists(instance);
  const unitExcluded = new Uint8Array(nU);
  const preferenceWeight = policy.weights.preference;
  const fitWeight = policy.weights.fit;

  // Per-district status of the applicant being enumerated: 0 neutral, 1 excluded, 2 preferred.
  const districtStatus = new Uint8Array(districtIndex.size);

  function eligibleUnits(a: number, outUnits: Int32Array, outScores: Float64Array): number {
    const size = householdSize[a];
    const rentLimit = maxRent[a];
    const need = bedroomsNeeded[a];
    const missing = ~needs[a];
    const baseScoreOfA = base[a];
    for (let k = preferred.start[a]; k < preferred.start[a + 1]; k++) districtStatus[preferred.items[k]] = PREFERRED;
    for (let k = excluded.start[a]; k < excluded.start[a + 1]; k++) districtStatus[excluded.items[k]] = EXCLUDED;
    for (let k = declined.start[a]; k < declined.start[a + 1]; k++) unitExcluded[declined.items[k]] = 1;
    let n = 0;
    for (let g = firstGroup[a]; g < endGroup[a]; g++) {
      const end = groupStart[g + 1];
      for (let i = groupStart[g]; i < end; i++) {
        if (sortedRent[i] > rentLimit) break;
        if (sortedMaxOccupants[i] < size || (sortedFeatures[i] | missing) !== -1) continue;
        const district = districtStatus[sortedDistrict[i]];
        if (district === EXCLUDED || unitExcluded[sortedUnit[i]] === 1) continue;
        outUnits[n] = sortedUnit[i];
        // Same value, bit for bit, as score(): (base + preference term) + fit term.
        outScores[n] = baseScoreOfA + (district === PREFERRED ? preferenceWeight : 0) + (sortedBedrooms[i] === need ? fitWeight : 0);
        n++;
      }
    }
    for (let k = preferred.start[a]; k < preferred.start[a + 1]; k++) districtStatus[preferred.items[k]] = 0;
    for (let k = excluded.start[a]; k < excluded.start[a + 1]; k++) districtStatus[excluded.items[k]] = 0;
    for (let k = declined.start[a]; k < declined.start[a + 1]; k++) unitExcluded[declined.items[k]] = 0;
    return n;
  }

  return {
    applicantCount: nA,
    unitCount: nU,
    buildingCount,
    buildingIds,
    unitBuilding,
    buildingStart,
    buildingUnits,
    districtCount,
    districtIds,
    buildingDistrict,
    districtStart,
    districtBuildings,
    districtCap,
    buildingCap: policy.maxPerBuilding ?? Infinity,
    unitIdRank,
    base,
    preferenceWeight,
    fitWeight,
    scoreScale: Math.max(1, maxAbsBase + Math.abs(preferenceWeight) + Math.abs(fitWeight)),
    eligibleUnits,
  };
}

/** Code-unit string order, the "string order" of docs/matching-rules.md. */
export function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Number of values < x (strict) or <= x (!strict) in an ascending array. */
function countBelow(sorted: readonly number[], x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x || (!strict && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function groupBy(keys: Int32Array, groups: number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (const key of keys) start[key + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  const items = new Int32Array(keys.length);
  keys.forEach((key, i) => (items[fill[key]++] = i));
  return { start, items };
}

/** Per-applicant lists of the unit indices of their excluded pairs (pairs naming unknown ids are dropped). */
function excludedPairLists(instance: Instance): { start: Int32Array; items: Int32Array } {
  const pairs = instance.excludedPairs ?? [];
  const lists: number[][] = instance.applicants.map(() => []);
  if (pairs.length > 0) {
    const applicantIndex = new Map(instance.applicants.map((a, i) => [a.id, i]));
    const unitIndex = new Map(instance.units.map((u, i) => [u.id, i]));
    for (const { applicantId, unitId } of pairs) {
      const a = applicantIndex.get(applicantId);
      const u = unitIndex.get(unitId);
      if (a !== undefined && u !== undefined) lists[a].push(u);
    }
  }
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, a) => (start[a + 1] = start[a] + list.length));
  return { start, items: Int32Array.from(lists.flat()) };
}

/** Per-applicant lists of district indices (districts no unit is in are dropped: they cannot matter). */
function districtLists(
  lists: readonly (readonly string[])[],
  districtIndex: ReadonlyMap<string, number>,
): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  const items: number[] = [];
  lists.forEach((list, a) => {
    for (const district of list) {
      const d = districtIndex.get(district);
      if (d !== undefined) items.push(d);
    }
    start[a + 1] = items.length;
  });
  return { start, items: Int32Array.from(items) };
}
