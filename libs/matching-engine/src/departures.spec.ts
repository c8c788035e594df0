import fc from 'fast-check';
import { allocate } from './allocate';
import { priorityDepartures } from './departures';
import { isEligible } from './eligibility';
import { instances } from './testing/arbitraries';
import { anApplicant, aPolicy, aUnit } from './testing/builders';
import { Instance } from './types';

describe('priorityDepartures', () => {
  it('names, for each flat given out of priority order, the household of highest priority passed over', () => {
    // Both flats suit everyone; a2 declined u2 before.
    const instance: Instance = {
      policy: aPolicy().build(),
      applicants: [
        anApplicant().withId('a1').withPriority(40).build(),
        anApplicant().withId('a2').withPriority(90).build(),
        anApplicant().withId('a3').withPriority(70).build(),
        anApplicant().withId('a4').withPriority(70).build(),
      ],
      units: [aUnit().withId('u1').build(), aUnit().withId('u2').build()],
      excludedPairs: [{ applicantId: 'a2', unitId: 'u2' }],
    };
    const departures = priorityDepartures(instance, [
      { applicantId: 'a1', unitId: 'u1', score: 1 },
      { applicantId: 'a3', unitId: 'u2', score: 1 },
    ]);
    // u1 went to priority 40 while a2 (90), a4 (70) waited: a2 is named. u2 went to a3 (70): a2 declined u2,
    // a4 has the same priority: no departure.
    expect(departures).toEqual([{ unitId: 'u1', applicantId: 'a1', priority: 40, passedOverId: 'a2', passedOverPriority: 90 }]);
  });

  it('agrees with a direct reading of the definition', () => {
    fc.assert(
      fc.property(instances(), fc.constantFrom('priority' as const, 'optimal' as const), (instance, mode) => {
        const { assignments } = allocate(instance, mode);
        const housed = new Set(assignments.map((a) => a.applicantId));
        const declined = new Set((instance.excludedPairs ?? []).map((p) => `${p.applicantId}|${p.unitId}`));
        const expected = assignments.flatMap((pair) => {
          const unit = instance.units.find((u) => u.id === pair.unitId)!;
          const priority = instance.applicants.find((a) => a.id === pair.applicantId)!.priority;
          const passed = instance.applicants
            .filter((a) => !housed.has(a.id) && a.priority > priority && isEligible(a, unit, instance.policy) && !declined.has(`${a.id}|${unit.id}`))
            .sort((x, y) => y.priority - x.priority || (x.id < y.id ? -1 : 1));
          return passed.length ? [{ unitId: pair.unitId, applicantId: pair.applicantId, priority, passedOverId: passed[0].id, passedOverPriority: passed[0].priority }] : [];
        });
        expect(priorityDepartures(instance, assignments)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
