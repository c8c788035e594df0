import { Question } from './question';

/** The flats of one building with the agency on asOf (their status at the end of that day), and
 *  of those the ones housing an agency household, counted by the database (IndicatorSource.spread). */
export interface BuildingCount {
  district: string;
  buildingId: string;
  flats: number;
  households: number;
  /** Of those households, the ones counted from tenancies leases reported (the rest: flat statuses standing in). */
  fromTenancies?: number;
}

/** The caps as an allocation run stated them (AllocationRunCompleted.caps). */
export interface SpreadCaps {
  /** Households in one building at most; null: no cap. */
  perBuilding: number | null;
  /** Households in one district at most: one number for every district or by district code (a district not named has none); null: no cap. */
  perDistrict: number | Readonly<Record<string, number>> | null;
}

/** The caps spread compares against, and where they come from: the last run completed by asOf that
 *  stated them, or (from null) the configured ones (0: no cap). */
export interface Caps {
  perBuilding: number | null;
  perDistrict: number | Readonly<Record<string, number>> | null;
  from: { runId: string; completedOn: string } | null;
}

export interface PlaceCount {
  flats: number;
  households: number;
  cap: number | null;
  overCap: boolean;
}

export interface Spread {
  caps: { perBuilding: number | null; perDistrict: number | Readonly<Record<string, number>> | null };
  /** The allocation run whose caps these are; null: the configured caps (no run completed by asOf stated its caps). */
  capsFrom: { runId: string; completedOn: string } | null;
  households: number;
  /** Of the households, those counted from running tenancies (the rest from flat statuses, for flats leases reported no tenancy of). */
  householdsFromTenancies: number;
  buildings: ({ buildingId: string; district: string } & PlaceCount)[];
  districts: ({ district: string } & PlaceCount)[];
  buildingsOverCap: number;
  districtsOverCap: number;
}

/** Where leases reported no tenancy of a flat: it houses an agency household while reserved for it, let to it, or being vacated by it. */
export const OCCUPIED = ['reserved', 'let', 'vacating'];
/** Flats the agency manages on the day: submitted, not withdrawn. */
export const WITH_THE_AGENCY = ['pending_inspection', 'available', 'reserved', 'let', 'vacating'];

/** A cap as a number, or null for none (0 and null both mean none). */
const capOf = (cap: number | null | undefined): number | null => (cap === null || cap === undefined || cap <= 0 ? null : cap);

/**
 * Spread (docs/indicators.md#spread): agency households per building and per district on asOf
 * (the households of the tenancies running that day; for a flat leases reported no tenancy of, one
 * household while it is reserved, let or vacating), against the caps, so concentration shows.
 */
export function spread(question: Question, counted: readonly BuildingCount[], caps: Caps): Spread {
  const managed = counted.filter((b) => !question.district || b.district === question.district);
  const count = (list: readonly BuildingCount[], limit: number | null): PlaceCount => {
    const households = list.reduce((sum, b) => sum + b.households, 0);
    const cap = capOf(limit);
    return { flats: list.reduce((sum, b) => sum + b.flats, 0), households, cap, overCap: cap !== null && households > cap };
  };
  const districtCap = (district: string) => (typeof caps.perDistrict === 'object' && caps.perDistrict !== null ? caps.perDistrict[district] : caps.perDistrict);
  const group = (key: (b: BuildingCount) => string) => {
    const groups = new Map<string, BuildingCount[]>();
    for (const building of managed) groups.set(key(building), [...(groups.get(key(building)) ?? []), building]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const buildings = group((b) => `${b.district}\u0000${b.buildingId}`).map(([, list]) => ({ buildingId: list[0].buildingId, district: list[0].district, ...count(list, caps.perBuilding) }));
  const districts = group((b) => b.district).map(([district, list]) => ({ district, ...count(list, districtCap(district)) }));
  return {
    caps: { perBuilding: capOf(caps.perBuilding), perDistrict: typeof caps.perDistrict === 'object' && caps.perDistrict !== null ? caps.perDistrict : capOf(caps.perDistrict) },
    capsFrom: caps.from,
    households: count(managed, null).households,
    householdsFromTenancies: managed.reduce((sum, b) => sum + (b.fromTenancies ?? 0), 0),
    buildings,
    districts,
    buildingsOverCap: buildings.filter((b) => b.overCap).length,
    districtsOverCap: districts.filter((d) => d.overCap).length,
  };
}
