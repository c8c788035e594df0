import { generateInstance } from '@hearth/matching-engine/testing';

/** The engine benchmark's seeded generator (districts with their own rent levels, buildings of 2
 *  to 6 flats, rents rising with bedrooms, households of 1 to 6, budgets around the going rent),
 *  without the engine's ids: the service benchmark gives units and households its own. */
export type SyntheticUnit = Omit<ReturnType<typeof generateInstance>['units'][number], 'id'>;
export type SyntheticHousehold = Omit<ReturnType<typeof generateInstance>['applicants'][number], 'id'>;

export function syntheticPool(households: number, units: number, seed: number): { households: SyntheticHousehold[]; units: SyntheticUnit[]; districts: string[] } {
  const instance = generateInstance({ applicants: households, units, maxPerBuilding: 2, seed });
  return {
    households: instance.applicants.map(({ id: _id, ...household }) => household),
    units: instance.units.map(({ id: _id, ...unit }) => unit),
    districts: [...new Set(instance.units.map((unit) => unit.district))],
  };
}
