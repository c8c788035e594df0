import { CompiledInstance } from './compiled-instance';
import { IndexedMinHeap } from './indexed-heap';
import { PricedAdjacency } from './priced-adjacency';
import { RawAllocation } from './raw-allocation';
import { Instance } from './types';

export interface OptimalAllocation extends RawAllocation {
  /** Dual certificate: y[a] per applicant, y[u] per unit, z[b] per building, w[d] per district, all >= 0. */
  readonly applicantDual: Float64Array;
  readonly unitDual: Float64Array;
  readonly buildingDual: Float64Array;
  readonly districtDual: Float64Array;
}

/**
 * Exact maximum-score allocation with building and district caps, as a min-cost circulation on
 *   root -> applicant (cap 1) -> unit (cost -score) -> building (cap 1)
 *        -> district (cap maxPerBuilding) -> root (cap of the district)
 * (a building lies in one district, so the caps are nested and this is a network flow), solved by
 * inserting applicants one at a time (highest applicant score first) and keeping the flow optimal
 * after each insertion: the only negative cycles a new applicant can create pass through it, so
 * one Dijkstra on reduced costs from it back to the root finds the best improvement (successive
 * shortest paths with potentials).
 *
 * Potentials start at 0 and only ever decrease, so unit prices (negated potentials) only rise. Hence:
 * - an applicant whose every eligible pair is already dual feasible is settled in O(degree),
 *   which is what most applicants of a large, competitive waitlist are;
 * - bumped-out applicants never come back (they are reachable only through the root, where
 *   every search ends), so adjacency is kept only for allocated applicants;
 * - a unit's price seen earlier is a lower bound of its price now, which lets a search stop
 *   scanning an adjacency list sorted by earlier prices (see PricedAdjacency);
 * - from a building (district) whose way to the root is open at no cost, the reverse arcs to its
 *   allocated units (buildings) cannot lead anywhere shorter: they are not scanned.
 */
export function allocateOptimally(instance: Instance, compiled: CompiledInstance): OptimalAllocation {
  const {
    applicantCount: nA,
    unitCount: nU,
    buildingCount: nB,
    districtCount: nD,
    unitBuilding,
    buildingStart,
    buildingUnits,
    buildingDistrict,
    districtStart,
    districtBuildings,
    districtCap,
    buildingCap: cap,
    base,
  } = compiled;
  const districtBase = nU + nB;
  const root = nU + nB + nD;
  const nodeCount = root + 1;
  const margin = 1e-9 * compiled.scoreScale;

  // Potentials; the root's is fixed at 0. Node ids: units 0..nU-1, buildings nU.., districts nU+nB.., root.
  const unitPotential = new Float64Array(nU);
  const buildingPotential = new Float64Array(nB);
  const districtPotential = new Float64Array(nD);
  const applicantPotential = new Float64Array(nA);

  const unitOf = new Int32Array(nA).fill(-1);
  const scoreOf = new Float64Array(nA);
  const applicantOf = new Int32Array(nU).fill(-1);
  /** Flow building -> district (allocations in the building); flow district -> root. */
  const load = new Int32Array(nB);
  const districtLoad = new Int32Array(nD);
  const adjacency: (PricedAdjacency | undefined)[] = new Array(nA);

  const dist = new Float64Array(nodeCount);
  const seenAt = new Int32Array(nodeCount);
  const settledAt = new Int32Array(nodeCount);
  /**
   * How each node was reached. Unit: the applicant (>= 0) or -(b + 1) for its building (the unit
   * gives up its building slot). Building: the free unit entering it (>= 0) or -(d + 1) for its
   * district (the building gives up a district slot). District: the building. Root: the applicant
   * bumped out (>= 0) or -(d + 1) for the district.
   */
  const pred = new Int32Array(nodeCount);
  /** Score of the pair (pred[u], u) when a unit is reached from an applicant. */
  const predScore = new Float64Array(nU);
  const heap = new IndexedMinHeap(nodeCount, dist);
  const settledNodes = new Int32Array(nodeCount);
  const settledApplicants = new Int32Array(nU);
  const units = new Int32Array(nU);
  const scores = new Float64Array(nU);
  let stamp = 0;
  let eligiblePairs = 0;
  /** Distances at or above this cannot lead to an improving cycle any more. */
  let bound = 0;

  const relax = (node: number, distance: number, from: number): boolean => {
    if (distance >= bound || settledAt[node] === stamp) return false;
    if (seenAt[node] === stamp && dist[node] <= distance) return false;
    seenAt[node] = stamp;
    dist[node] = distance;
    pred[node] = from;
    heap.upsert(node);
    if (node === root) bound = distance;
    return true;
  };

  /** The district's arc to the root is open and costs nothing. */
  const districtOpen = (d: number): boolean => districtLoad[d] < districtCap[d] && districtPotential[d] <= 0;

  const order = Array.from(base.keys()).sort((x, y) => base[y] - base[x] || x - y);
  for (const source of order) {
    const degree = compiled.eligibleUnits(source, units, scores);
    eligiblePairs += degree;
    if (degree === 0) continue;
    // The potential that makes every arc out of the source non-negative is the best gain a
    // cycle through the source could have.
    let gain = -Infinity;
    for (let k = 0; k < degree; k++) gain = Math.max(gain, scores[k] + unitPotential[units[k]]);
    if (gain <= 0) continue; // Already dual feasible: stays unallocated, potential 0.

    stamp++;
    bound = gain;
    let settledNodeCount = 0;
    let settledApplicantCount = 0;
    for (let k = 0; k < degree; k++) {
      const u = units[k];
      if (!relax(u, Math.max(0, gain - scores[k] - unitPotential[u]), source)) continue;
      predScore[u] = scores[k];
      // Label the root through the short paths right away: a tight bound early keeps the search
      // from relaxing arcs that cannot matter.
      const a = applicantOf[u];
      if (a >= 0) {
        relax(root, dist[u] + Math.max(0, applicantPotential[a]), a);
      } else {
        const b = unitBuilding[u];
        const buildingNode = nU + b;
        relax(buildingNode, dist[u] + Math.max(0, unitPotential[u] - buildingPotential[b]), u);
        if (load[b] < cap && seenAt[buildingNode] === stamp) {
          const d = buildingDistrict[b];
          const districtNode = districtBase + d;
          relax(districtNode, dist[buildingNode] + Math.max(0, buildingPotential[b] - districtPotential[d]), b);
          if (districtLoad[d] < districtCap[d] && seenAt[districtNode] === stamp) {
            relax(root, dist[districtNode] + Math.max(0, districtPotential[d]), -(d + 1));
          }
        }
      }
    }

    let reachedRoot = false;
    while (heap.size > 0) {
      const node = heap.pop();
      const d = dist[node];
      settledAt[node] = stamp;
      if (node === root) {
        reachedRoot = true;
        break;
      }
      settledNodes[settledNodeCount++] = node;
      if (node < nU) {
        const a = applicantOf[node];
        if (a >= 0) {
          // An allocated applicant is reached only through its unit, at the same distance.
          settledApplicants[settledApplicantCount++] = a;
          scanApplicant(a, d);
        } else {
          const b = unitBuilding[node];
          relax(nU + b, d + Math.max(0, unitPotential[node] - buildingPotential[b]), node);
        }
      } else if (node < districtBase) {
        scanBuilding(node - nU, d);
      } else {
        scanDistrict(node - districtBase, d);
      }
      // Nothing left in the heap is closer than d: a root label at d is final already.
      if (seenAt[root] === stamp && dist[root] <= d) {
        reachedRoot = true;
        break;
      }
    }
    heap.clear();
    if (!reachedRoot) bound = gain;

    // Keep reduced costs non-negative: lower settled potentials by (bound - distance).
    for (let i = 0; i < settledNodeCount; i++) {
      const node = settledNodes[i];
      const drop = bound - dist[node];
      if (node < nU) unitPotential[node] -= drop;
      else if (node < districtBase) buildingPotential[node - nU] -= drop;
      else districtPotential[node - districtBase] -= drop;
    }
    for (let i = 0; i < settledApplicantCount; i++) {
      const a = settledApplicants[i];
      applicantPotential[a] -= bound - dist[unitOf[a]];
    }
    applicantPotential[source] = gain - bound;

    if (reachedRoot) {
      augment(source);
      adjacency[source] = new PricedAdjacency(units, scores, degree, unitPotential);
    }
  }

  /** Relaxes the arcs out of allocated applicant a, settled through its unit at distance d. */
  function scanApplicant(a: number, d: number): void {
    const pa = applicantPotential[a];
    relax(root, d + Math.max(0, pa), a);
    const list = adjacency[a] as PricedAdjacency;
    const { units: adjacent, scores: adjacentScores, keys } = list;
    // key >= limit means the arc's reduced cost alone reaches the bound (keys are lower bounds).
    const limit = bound - d - pa + margin;
    let wasted = 0;
    for (let k = 0; k < adjacent.length; k++) {
      if (keys[k] >= limit) break;
      const u = adjacent[k];
      const distance = d + Math.max(0, pa - adjacentScores[k] - unitPotential[u]);
      if (distance >= bound) {
        wasted++;
        continue;
      }
      // Settled units (its own among them) have labels <= d <= distance: skipped here too.
      if (seenAt[u] === stamp && dist[u] <= distance) continue;
      relax(u, distance, a);
      predScore[u] = adjacentScores[k];
    }
    // Re-sorting costs O(length); do it once stale keys waste a good part of a scan.
    if (wasted > 32 && 2 * wasted > adjacent.length) list.reprice(unitPotential);
  }

  /** Building b settled at distance d: on to its district, or back through its allocated units. */
  function scanBuilding(b: number, d: number): void {
    const pb = buildingPotential[b];
    const district = buildingDistrict[b];
    const pd = districtPotential[district];
    if (load[b] < cap) {
      relax(districtBase + district, d + Math.max(0, pb - pd), b);
      // The root is reachable at distance d: every other way on is at least as long.
      if (pb - pd <= 0 && districtOpen(district)) return;
    }
    for (let k = buildingStart[b]; k < buildingStart[b + 1]; k++) {
      const u = buildingUnits[k];
      if (applicantOf[u] >= 0) relax(u, d + Math.max(0, pb - unitPotential[u]), -(b + 1));
    }
  }

  /** District settled at distance d: on to the root, or back through its buildings holding allocations. */
  function scanDistrict(district: number, d: number): void {
    const pd = districtPotential[district];
    if (districtLoad[district] < districtCap[district]) {
      relax(root, d + Math.max(0, pd), -(district + 1));
      if (pd <= 0) return;
    }
    for (let k = districtStart[district]; k < districtStart[district + 1]; k++) {
      const b = districtBuildings[k];
      if (load[b] > 0) relax(nU + b, d + Math.max(0, pd - buildingPotential[b]), -(district + 1));
    }
  }

  /** Applies the cycle root -> source -> ... -> root found by the last search, walking it backwards. */
  function augment(source: number): void {
    let node = root;
    for (;;) {
      const from = pred[node];
      if (node === root) {
        if (from >= 0) {
          // The path ends by bumping out an allocated applicant; its unit is taken over.
          const unit = unitOf[from];
          unitOf[from] = -1;
          applicantOf[unit] = -1;
          adjacency[from] = undefined;
          node = unit;
        } else {
          districtLoad[-from - 1]++;
          node = districtBase + (-from - 1);
        }
      } else if (node < nU) {
        if (from >= 0) {
          const previousUnit = unitOf[from];
          unitOf[from] = node;
          applicantOf[node] = from;
          scoreOf[from] = predScore[node];
          if (from === source) return;
          node = previousUnit;
        } else {
          // The unit gives its building slot to another unit of the same building.
          applicantOf[node] = -1;
          node = nU + (-from - 1);
        }
      } else if (node < districtBase) {
        if (from >= 0) {
          node = from; // A free unit takes a slot of the building.
        } else {
          // The building gives a district slot to another building of the same district.
          load[node - nU]--;
          node = districtBase + (-from - 1);
        }
      } else {
        load[from]++;
        node = nU + from;
      }
    }
  }

  // Certificate from the potentials (complementary slackness on the capacitated arcs).
  const applicantDual = new Float64Array(nA);
  const unitDual = new Float64Array(nU);
  const buildingDual = new Float64Array(nB);
  const districtDual = new Float64Array(nD);
  for (let a = 0; a < nA; a++) if (unitOf[a] >= 0) applicantDual[a] = Math.max(0, applicantPotential[a]);
  for (let u = 0; u < nU; u++) {
    if (applicantOf[u] >= 0) unitDual[u] = Math.max(0, buildingPotential[unitBuilding[u]] - unitPotential[u]);
  }
  for (let b = 0; b < nB; b++) {
    if (load[b] >= cap) buildingDual[b] = Math.max(0, districtPotential[buildingDistrict[b]] - buildingPotential[b]);
  }
  for (let d = 0; d < nD; d++) if (districtLoad[d] >= districtCap[d]) districtDual[d] = Math.max(0, -districtPotential[d]);

  return { unitOf, scoreOf, eligiblePairs, applicantDual, unitDual, buildingDual, districtDual };
}
