import fc from 'fast-check';
import { isEligible } from './eligibility';
import { instances } from './testing/arbitraries';
import { aPolicy, aUnit, anApplicant } from './testing/builders';
import { whyNot } from './why-not';

const policy = aPolicy().build();

describe('whyNot', () => {
  it('returns nothing for an eligible pair', () => {
    expect(whyNot(aUnit().build(), anApplicant().build(), policy)).toEqual([]);
  });

  it('explains a household too large for the flat', () => {
    const failures = whyNot(aUnit().forUpTo(2).build(), anApplicant().withHouseholdSize(4).build(), policy);
    expect(failures).toEqual([{ rule: 'household_size', message: 'The flat takes at most 2 people; the household has 4.' }]);
  });

  it('explains too few and too many bedrooms, counting the allowed extra bedrooms', () => {
    const needsThree = anApplicant().withHouseholdSize(2).needingBedrooms(3).build();
    expect(whyNot(aUnit().withBedrooms(2).build(), needsThree, policy)).toEqual([
      { rule: 'too_few_bedrooms', message: 'The household needs 3 bedrooms; the flat has 2.' },
    ]);
    const needsOne = anApplicant().needingBedrooms(1).build();
    const threeBedrooms = aUnit().withBedrooms(3).forUpTo(6).build();
    expect(whyNot(threeBedrooms, needsOne, policy)).toEqual([
      {
        rule: 'too_many_bedrooms',
        message: 'The flat has 3 bedrooms; the household needs 1, and at most 1 bedroom more than needed may be allocated.',
      },
    ]);
    expect(whyNot(threeBedrooms, needsOne, aPolicy().withMaxExtraBedrooms(2).build())).toEqual([]);
  });

  it('explains a rent above the budget', () => {
    expect(whyNot(aUnit().withRent(950).build(), anApplicant().withMaxRent(820).build(), policy)).toEqual([
      { rule: 'rent', message: 'The rent is 950; the household can pay at most 820.' },
    ]);
  });

  it('explains missing access and pets not allowed', () => {
    const household = anApplicant().usingAWheelchair().needingStepFreeAccess().withPets().build();
    expect(whyNot(aUnit().build(), household, policy).map((f) => f.rule)).toEqual(['wheelchair', 'step_free', 'pets']);
    const adapted = aUnit().wheelchairAccessible().stepFree().allowingPets().build();
    expect(whyNot(adapted, household, policy)).toEqual([]);
  });

  it('explains a district the household ruled out', () => {
    const failures = whyNot(aUnit().inDistrict('D4').build(), anApplicant().excluding('D4').build(), policy);
    expect(failures).toEqual([
      { rule: 'excluded_district', message: 'The flat is in district D4, which the household has ruled out.' },
    ]);
  });

  it('lists every failed rule, not just the first', () => {
    const household = anApplicant().withHouseholdSize(5).needingBedrooms(3).withMaxRent(500).withPets().excluding('D1').build();
    const failures = whyNot(aUnit().withRent(900).build(), household, policy);
    expect(failures.map((f) => f.rule)).toEqual(['household_size', 'too_few_bedrooms', 'rent', 'pets', 'excluded_district']);
  });

  it('is empty exactly when the pair is eligible', () => {
    fc.assert(
      fc.property(instances(), ({ applicants, units, policy: p }) => {
        for (const applicant of applicants) {
          for (const unit of units) expect(whyNot(unit, applicant, p).length === 0).toBe(isEligible(applicant, unit, p));
        }
      }),
      { numRuns: 200 },
    );
  });
});
