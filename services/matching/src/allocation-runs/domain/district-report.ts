import { Assignment, Unit } from '@hearth/matching-engine';

export interface DistrictLoad {
  district: string;
  proposals: number;
  /** How many proposals beyond the limit (0 when within it or without a limit). */
  overLimitBy: number;
}

export interface DistrictReport {
  /** The soft limit asked for: at most this many proposals per district; null when none. */
  limit: number | null;
  districts: DistrictLoad[];
  /** Units whose proposal lies beyond its district's limit: the lowest-scoring ones of that district. */
  flaggedUnitIds: string[];
}

/**
 * The district soft limit. The engine caps allocations per building only, so the limit is not
 * part of the optimisation in either mode: the run reports each district's proposals and flags
 * the lowest-scoring proposals beyond the limit, and the board decides (it may exclude them when
 * approving). Ties in score are flagged in unit id order.
 */
export function districtReport(assignments: readonly Assignment[], units: readonly Unit[], limit: number | null): DistrictReport {
  const districtOf = new Map(units.map((unit) => [unit.id, unit.district]));
  const byDistrict = new Map<string, Assignment[]>();
  for (const assignment of assignments) {
    const district = districtOf.get(assignment.unitId);
    if (district === undefined) throw new Error(`assignment to unit ${assignment.unitId}, which is not in the run`);
    byDistrict.set(district, [...(byDistrict.get(district) ?? []), assignment]);
  }
  const flaggedUnitIds: string[] = [];
  const districts = [...byDistrict.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([district, list]) => {
      const overLimitBy = limit === null ? 0 : Math.max(0, list.length - limit);
      if (overLimitBy > 0) {
        const ranked = [...list].sort((x, y) => y.score - x.score || (x.unitId < y.unitId ? -1 : x.unitId > y.unitId ? 1 : 0));
        flaggedUnitIds.push(...ranked.slice(limit!).map((assignment) => assignment.unitId));
      }
      return { district, proposals: list.length, overLimitBy };
    });
  return { limit, districts, flaggedUnitIds: flaggedUnitIds.sort() };
}
