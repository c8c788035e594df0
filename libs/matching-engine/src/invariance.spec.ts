import fc from 'fast-check';
import { allocate } from './allocate';
import { isEligible } from './eligibility';
import { parseInstance } from './instance';
import { score } from './score';
import { shortlist } from './shortlist';
import { instances } from './testing/arbitraries';
import { Instance } from './types';
import { whyNot } from './why-not';

const NAMED_FIELDS = new Set([
  'id', 'householdSize', 'bedroomsNeeded', 'maxRent', 'wheelchair', 'stepFree', 'pets', 'excludedDistricts',
  'preferredDistricts', 'priority', 'waitingDays', 'buildingId', 'district', 'bedrooms', 'maxOccupants', 'rent',
  'wheelchairAccessible', 'petsAllowed', 'mode', 'weights', 'maxPerBuilding', 'maxExtraBedrooms', 'maxPerDistrict',
]);

/** Attributes the rules do not name: protected characteristics and arbitrary keys. */
const extraAttributes = fc
  .record({
    nationality: fc.constantFrom('FR', 'SY', 'UA', 'NG'),
    gender: fc.constantFrom('female', 'male', 'non-binary'),
    religion: fc.constantFrom('none', 'christian', 'muslim', 'jewish'),
    other: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  })
  .map(({ other, ...protectedCharacteristics }) => {
    const extra: Record<string, unknown> = { ...protectedCharacteristics };
    for (const [key, value] of Object.entries(other)) if (!NAMED_FIELDS.has(key)) extra[key] = value;
    return extra;
  });

const decorated = instances().chain((instance) =>
  fc.record({
    instance: fc.constant(instance),
    decorated: fc
      .record({
        applicants: fc.array(extraAttributes, { minLength: instance.applicants.length, maxLength: instance.applicants.length }),
        units: fc.array(extraAttributes, { minLength: instance.units.length, maxLength: instance.units.length }),
        policy: extraAttributes,
      })
      .map(
        (extras): Instance => ({
          policy: { ...extras.policy, ...instance.policy },
          applicants: instance.applicants.map((a, i) => ({ ...extras.applicants[i], ...a })),
          units: instance.units.map((u, i) => ({ ...extras.units[i], ...u })),
        }),
      ),
  }),
);

describe('attributes the rules do not name', () => {
  it('never change eligibility, scores or explanations', () => {
    fc.assert(
      fc.property(decorated, ({ instance, decorated: other }) => {
        instance.applicants.forEach((a, i) => {
          instance.units.forEach((u, j) => {
            const [a2, u2] = [other.applicants[i], other.units[j]];
            expect(isEligible(a2, u2, other.policy)).toBe(isEligible(a, u, instance.policy));
            expect(score(a2, u2, other.policy)).toBe(score(a, u, instance.policy));
            expect(whyNot(u2, a2, other.policy)).toEqual(whyNot(u, a, instance.policy));
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('never change allocations, totals or certificates, in either mode', () => {
    fc.assert(
      fc.property(decorated, ({ instance, decorated: other }) => {
        for (const mode of ['priority', 'optimal'] as const) {
          const { stats: _s1, ...expected } = allocate(instance, mode, { certificate: mode === 'optimal' });
          const { stats: _s2, ...actual } = allocate(other, mode, { certificate: mode === 'optimal' });
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never change shortlists', () => {
    fc.assert(
      fc.property(decorated, ({ instance, decorated: other }) => {
        instance.units.forEach((unit, j) => {
          expect(shortlist(other.units[j], other.applicants, other.policy, 5)).toEqual(
            shortlist(unit, instance.applicants, instance.policy, 5),
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  it('are dropped when an instance is parsed', () => {
    fc.assert(
      fc.property(decorated, ({ instance, decorated: other }) => {
        expect(parseInstance(JSON.parse(JSON.stringify(other)))).toEqual(parseInstance(JSON.parse(JSON.stringify(instance))));
      }),
      { numRuns: 100 },
    );
  });
});
