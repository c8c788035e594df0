import fc from 'fast-check';
import { isEligible } from './eligibility';
import { score } from './score';
import { shortlist } from './shortlist';
import { instances } from './testing/arbitraries';
import { aPolicy, aUnit, anApplicant } from './testing/builders';
import { Applicant } from './types';

const policy = aPolicy().build();
const flat = aUnit().withId('u1').inDistrict('D1').withBedrooms(2).forUpTo(4).withRent(690).build();

describe('shortlist', () => {
  it('returns the k best eligible households, best first', () => {
    const households = [10, 70, 40, 90, 55].map((priority, i) =>
      anApplicant().withId(`a${i}`).withHouseholdSize(3).needingBedrooms(2).withPriority(priority).build(),
    );
    const ineligible = anApplicant().withId('too-big').withHouseholdSize(6).needingBedrooms(2).withPriority(100).build();
    const result = shortlist(flat, [...households, ineligible], policy, 3);
    expect(result.map((entry) => entry.applicantId)).toEqual(['a3', 'a1', 'a4']);
  });

  it('breaks equal scores by priority, then waiting time, then id', () => {
    // Same score (1 * priority + 0.5 * waitingDays / 30) reached in different ways.
    const highPriority = anApplicant().withId('p').withPriority(60).waitingFor(0).build();
    const longWait = anApplicant().withId('w').withPriority(50).waitingFor(600).build();
    const sameAsLongWaitB = anApplicant().withId('b').withPriority(50).waitingFor(600).build();
    const unit = aUnit().build();
    const result = shortlist(unit, [longWait, sameAsLongWaitB, highPriority], policy, 3);
    expect(result.map((e) => e.score)).toEqual([64, 64, 64]);
    expect(result.map((e) => e.applicantId)).toEqual(['p', 'b', 'w']);
  });

  it('breaks equal scores by waiting time when waiting does not count in the score', () => {
    const ignoringWaits = aPolicy().withWeights({ waiting: 0 }).build();
    const shortWait = anApplicant().withId('a').withPriority(50).waitingFor(100).build();
    const longWait = anApplicant().withId('c').withPriority(50).waitingFor(300).build();
    expect(shortlist(aUnit().build(), [shortWait, longWait], ignoringWaits, 2).map((e) => e.applicantId)).toEqual(['c', 'a']);
  });

  it('explains the score as weighted contributions adding up to the total', () => {
    const household = anApplicant()
      .withHouseholdSize(3)
      .needingBedrooms(2)
      .withMaxRent(820)
      .preferring('D1')
      .withPriority(72.5)
      .waitingFor(410)
      .build();
    const [entry] = shortlist(flat, [household], policy, 1);
    expect(entry.breakdown).toEqual({
      priority: 72.5,
      waiting: (0.5 * 410) / 30,
      preference: 8,
      fit: 4,
      total: score(household, flat, policy),
    });
    expect(entry.score).toBe(entry.breakdown.total);
  });

  it('gives the reasons a household qualifies in plain words', () => {
    const household = anApplicant()
      .withHouseholdSize(3)
      .needingBedrooms(1)
      .withMaxRent(820)
      .withPets()
      .excluding('D4')
      .build();
    const petFlat = aUnit().inDistrict('D1').withBedrooms(2).forUpTo(4).withRent(690).allowingPets().build();
    expect(shortlist(petFlat, [household], policy, 1)[0].reasons).toEqual([
      'household of 3 fits a flat for up to 4',
      'needs 1 bedroom, the flat has 2 (1 extra, at most 1 allowed)',
      'rent 690 within budget 820',
      'has pets, the flat allows pets',
      "district D1 is not one the household has ruled out",
    ]);
  });

  it('returns nothing for k = 0 and everyone eligible when k is larger than the list', () => {
    const households = [anApplicant().withId('x').build(), anApplicant().withId('y').withMaxRent(100).build()];
    expect(shortlist(aUnit().build(), households, policy, 0)).toEqual([]);
    expect(shortlist(aUnit().build(), households, policy, 10).map((e) => e.applicantId)).toEqual(['x']);
  });

  it('agrees with sorting all eligible households on random instances', () => {
    fc.assert(
      fc.property(instances(), fc.integer({ min: 1, max: 6 }), ({ applicants, units, policy: p }, k) => {
        for (const unit of units) {
          const rank = (a: Applicant, b: Applicant) =>
            score(b, unit, p) - score(a, unit, p) || b.priority - a.priority || b.waitingDays - a.waitingDays || (a.id < b.id ? -1 : 1);
          const expected = applicants.filter((a) => isEligible(a, unit, p)).sort(rank).slice(0, k);
          expect(shortlist(unit, applicants, p, k).map((e) => e.applicantId)).toEqual(expected.map((a) => a.id));
        }
      }),
      { numRuns: 300 },
    );
  });
});
