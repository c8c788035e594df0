/** fast-check generators of small, dense instances (many eligible pairs, ties, tight caps). */
import fc from 'fast-check';
import { Applicant, Instance, Policy, Unit, Weights } from '../types';

export const DISTRICTS = ['D1', 'D2', 'D3'];
const BUILDINGS = ['b1', 'b2', 'b3', 'b4'];
// String order differs from numeric order here ("a10" < "a2"), which tie-breaks must respect.
const APPLICANT_IDS = ['a1', 'a2', 'a3', 'a10', 'a11', 'a20', 'b', 'Z', 'a01'];
const UNIT_IDS = ['u1', 'u2', 'u10', 'u3', 'x', 'U', 'u02'];

const rarely = fc.constantFrom(false, false, false, false, false, false, false, true);

export const applicantFields = fc.record({
  householdSize: fc.integer({ min: 1, max: 3 }),
  bedroomsNeeded: fc.constantFrom(0, 1, 1, 1, 2),
  maxRent: fc.integer({ min: 10, max: 20 }).map((x) => x * 50),
  wheelchair: rarely,
  stepFree: rarely,
  pets: rarely,
  excludedDistricts: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, fc.subarray(DISTRICTS, { maxLength: 1 })),
  preferredDistricts: fc.subarray(DISTRICTS),
  priority: fc.constantFrom(0, 10, 20, 20.5, 50, 72.5, 99.9),
  waitingDays: fc.constantFrom(0, 30, 45, 300, 410, 1000),
});

export const unitFields = fc.record({
  buildingId: fc.constantFrom(...BUILDINGS),
  bedrooms: fc.constantFrom(0, 1, 1, 2, 2, 3),
  maxOccupants: fc.integer({ min: 2, max: 6 }),
  rent: fc.integer({ min: 6, max: 14 }).map((x) => x * 50),
  wheelchairAccessible: fc.boolean(),
  stepFree: fc.boolean(),
  petsAllowed: fc.boolean(),
});

const EXAMPLE_WEIGHTS: Weights = { priority: 1, waiting: 0.5, preference: 8, fit: 4 };

const weights: fc.Arbitrary<Weights> = fc.oneof(
  { arbitrary: fc.constant(EXAMPLE_WEIGHTS), weight: 2 },
  fc.record({
    priority: fc.constantFrom(0, 0.3, 1, 2),
    waiting: fc.constantFrom(0, 0.5, 1.1),
    // Negative weights make some scores negative: the optimum must then leave pairs out.
    preference: fc.integer({ min: -40, max: 12 }),
    fit: fc.constantFrom(-100, -3, 0, 4, 7.25),
  }),
);

/** No district cap (often), one for every district, or caps for some districts only. */
const districtCaps: fc.Arbitrary<Policy['maxPerDistrict']> = fc.oneof(
  { arbitrary: fc.constantFrom(undefined, null), weight: 3 },
  { arbitrary: fc.constantFrom(0, 1, 1, 2, 2, 3), weight: 2 },
  {
    arbitrary: fc
      .subarray(DISTRICTS, { minLength: 1 })
      .chain((named) => fc.tuple(...named.map(() => fc.constantFrom(0, 1, 1, 2, 3))).map((caps) => Object.fromEntries(named.map((d, i) => [d, caps[i]])))),
    weight: 2,
  },
);

export const policies: fc.Arbitrary<Policy> = fc
  .record({
    mode: fc.constantFrom('priority' as const, 'optimal' as const),
    weights,
    maxPerBuilding: fc.constantFrom(null, 0, 1, 1, 2, 2, 3),
    maxExtraBedrooms: fc.integer({ min: 0, max: 2 }),
    maxPerDistrict: districtCaps,
  })
  // A policy without district caps leaves the field out, as instances written before it did.
  .map(({ maxPerDistrict, ...policy }) => (maxPerDistrict === undefined ? policy : { ...policy, maxPerDistrict }));

export interface InstanceShape {
  readonly maxApplicants?: number;
  readonly maxUnits?: number;
}

export function instances({ maxApplicants = 8, maxUnits = 5 }: InstanceShape = {}): fc.Arbitrary<Instance> {
  return fc
    .record({
      policy: policies,
      applicantIds: sizedSubarray(APPLICANT_IDS, maxApplicants),
      unitIds: sizedSubarray(UNIT_IDS, maxUnits),
      // Every building lies in one district; several buildings may share one.
      buildingDistricts: fc.tuple(...BUILDINGS.map(() => fc.constantFrom(...DISTRICTS))),
    })
    .chain(({ policy, applicantIds, unitIds, buildingDistricts }) =>
      fc.record({
        policy: fc.constant(policy),
        applicants: fc.tuple(...applicantIds.map(() => applicantFields)).map((list) =>
          list.map((fields, i): Applicant => ({ id: applicantIds[i], ...fields })),
        ),
        units: fc.tuple(...unitIds.map(() => unitFields)).map((list) =>
          list.map((fields, i): Unit => ({
            id: unitIds[i],
            ...fields,
            district: buildingDistricts[BUILDINGS.indexOf(fields.buildingId)],
          })),
        ),
      }),
    );
}

/** A shuffled subset whose size is uniform in 0..max (fast-check's own sizes favour small ones). */
function sizedSubarray(items: readonly string[], max: number): fc.Arbitrary<string[]> {
  return fc
    .constantFrom(...Array.from({ length: Math.min(max, items.length) + 1 }, (_, n) => n))
    .chain((n) => fc.shuffledSubarray([...items], { minLength: n, maxLength: n }));
}
