import { Question } from './question';

/** The flats of one building with the agency on asOf (their status at the end of that day), and
 *  of those the ones housing an agency household, counted by the database (IndicatorSource.spread). */
export interface BuildingCount {
  district: string;
  buildingId: string;
  flats: number;
  households: number;
}

export interface Caps {
  /** Households the agency places in one building at most; 0: no cap. */
  perBuilding: number;
  /** Households in one district at most; 0: no cap. */
  perDistrict: number;
}

export interface PlaceCount {
  flats: number;
  households: number;
  cap: number | null;
  overCap: boolean;
}

export interface Spread {
  caps: { perBuilding: number | null; perDistrict: number | null };
  households: number;
  buildings: ({ buildingId: string; district: string } & PlaceCount)[];
  districts: ({ district: string } & PlaceCount)[];
  buildingsOverCap: number;
  districtsOverCap: number;
}

/** A flat houses an agency household while reserved for it, let to it, or being vacated by it. */
export const OCCUPIED = ['reserved', 'let', 'vacating'];
/** Flats the agency manages on the day: submitted, not withdrawn. */
export const WITH_THE_AGENCY = ['pending_inspection', 'available', 'reserved', 'let', 'vacating'];

/**
 * Spread (docs/indicators.md#spread): agency households per building and per district on asOf
 * (one household per flat reserved, let or vacating), against the caps, so concentration shows.
 */
export function spread(question: Question, counted: readonly BuildingCount[], caps: Caps): Spread {
  const managed = counted.filter((b) => !question.district || b.district === question.district);
  const count = (list: readonly BuildingCount[], cap: number): PlaceCount => {
    const households = list.reduce((sum, b) => sum + b.households, 0);
    return { flats: list.reduce((sum, b) => sum + b.flats, 0), households, cap: cap > 0 ? cap : null, overCap: cap > 0 && households > cap };
  };
  const group = (key: (b: BuildingCount) => string) => {
    const groups = new Map<string, BuildingCount[]>();
    for (const building of managed) groups.set(key(building), [...(groups.get(key(building)) ?? []), building]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const buildings = group((b) => `${b.district}\u0000${b.buildingId}`).map(([, list]) => ({ buildingId: list[0].buildingId, district: list[0].district, ...count(list, caps.perBuilding) }));
  const districts = group((b) => b.district).map(([district, list]) => ({ district, ...count(list, caps.perDistrict) }));
  return {
    caps: { perBuilding: caps.perBuilding > 0 ? caps.perBuilding : null, perDistrict: caps.perDistrict > 0 ? caps.perDistrict : null },
    households: count(managed, 0).households,
    buildings,
    districts,
    buildingsOverCap: buildings.filter((b) => b.overCap).length,
    districtsOverCap: districts.filter((d) => d.overCap).length,
  };
}
