import { CompiledInstance, compareStrings } from './compiled-instance';
import { RawAllocation } from './raw-allocation';
import { Instance } from './types';

/**
 * Serial dictatorship: applicants by priority desc, waitingDays desc, id asc; each takes its
 * best-scoring eligible unit that is free in a building and a district both under their caps
 * (ties: smallest unit id).
 */
export function allocateByPriority(instance: Instance, compiled: CompiledInstance): RawAllocation {
  const { applicants } = instance;
  const { unitCount, unitBuilding, unitIdRank, buildingDistrict, districtCap } = compiled;
  const cap = compiled.buildingCap;
  const districtLoad = new Int32Array(compiled.districtCount);
  const unitTaken = new Uint8Array(unitCount);
  const buildingLoad = new Int32Array(compiled.buildingCount);
  const unitOf = new Int32Array(applicants.length).fill(-1);
  const scoreOf = new Float64Array(applicants.length);
  const units = new Int32Array(unitCount);
  const scores = new Float64Array(unitCount);
  let eligiblePairs = 0;

  const order = Array.from(applicants.keys()).sort((x, y) => {
    const a = applicants[x];
    const b = applicants[y];
    return b.priority - a.priority || b.waitingDays - a.waitingDays || compareStrings(a.id, b.id);
  });
  for (const a of order) {
    const n = compiled.eligibleUnits(a, units, scores);
    eligiblePairs += n;
    let best = -1;
    let bestScore = -Infinity;
    for (let k = 0; k < n; k++) {
      const u = units[k];
      const b = unitBuilding[u];
      if (unitTaken[u] === 1 || buildingLoad[b] >= cap) continue;
      const d = buildingDistrict[b];
      if (districtLoad[d] >= districtCap[d]) continue;
      const s = scores[k];
      if (best < 0 || s > bestScore || (s === bestScore && unitIdRank[u] < unitIdRank[best])) {
        best = u;
        bestScore = s;
      }
    }
    if (best >= 0) {
      unitTaken[best] = 1;
      buildingLoad[unitBuilding[best]]++;
      districtLoad[buildingDistrict[unitBuilding[best]]]++;
      unitOf[a] = best;
      scoreOf[a] = bestScore;
    }
  }
  return { unitOf, scoreOf, eligiblePairs };
}
