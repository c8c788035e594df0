import { Question } from './question';

export interface FlatStatusRow {
  unitId: string;
  district: string;
  buildingId: string;
  /** The flat's status at the end of asOf (its last step on or before it). */
  status: string;
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
const OCCUPIED = new Set(['reserved', 'let', 'vacating']);
/** Flats the agency manages on the day: submitted, not withdrawn. */
const WITH_THE_AGENCY = new Set(['pending_inspection', 'available', 'reserved', 'let', 'vacating']);

/**
 * Spread (docs/indicators.md#spread): agency households per building and per district on asOf
 * (one household per flat reserved, let or vacating), against the caps, so concentration shows.
 */
export function spread(question: Question, flats: readonly FlatStatusRow[], caps: Caps): Spread {
  const managed = flats.filter((f) => WITH_THE_AGENCY.has(f.status) && (!question.district || f.district === question.district));
  const count = (list: readonly FlatStatusRow[], cap: number): PlaceCount => {
    const households = list.filter((f) => OCCUPIED.has(f.status)).length;
    return { flats: list.length, households, cap: cap > 0 ? cap : null, overCap: cap > 0 && households > cap };
  };
  const group = (key: (f: FlatStatusRow) => string) => {
    const groups = new Map<string, FlatStatusRow[]>();
    for (const flat of managed) groups.set(key(flat), [...(groups.get(key(flat)) ?? []), flat]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const buildings = group((f) => `${f.district}\u0000${f.buildingId}`).map(([, list]) => ({ buildingId: list[0].buildingId, district: list[0].district, ...count(list, caps.perBuilding) }));
  const districts = group((f) => f.district).map(([district, list]) => ({ district, ...count(list, caps.perDistrict) }));
  return {
    caps: { perBuilding: caps.perBuilding > 0 ? caps.perBuilding : null, perDistrict: caps.perDistrict > 0 ? caps.perDistrict : null },
    households: managed.filter((f) => OCCUPIED.has(f.status)).length,
    buildings,
    districts,
    buildingsOverCap: buildings.filter((b) => b.overCap).length,
    districtsOverCap: districts.filter((d) => d.overCap).length,
  };
}
