import { Applicant, Policy, Unit, maxExtraBedroomsOf } from './types';
import { bedrooms, people } from './wording';

export type IneligibilityRule =
  | 'household_size'
  | 'too_few_bedrooms'
  | 'too_many_bedrooms'
  | 'rent'
  | 'wheelchair'
  | 'step_free'
  | 'pets'
  | 'excluded_district';

export interface Ineligibility {
  readonly rule: IneligibilityRule;
  readonly message: string;
}

/** Every eligibility rule the pair fails, in words a caseworker understands; empty when eligible. */
export function whyNot(unit: Unit, applicant: Applicant, policy: Pick<Policy, 'maxExtraBedrooms'>): Ineligibility[] {
  const failures: Ineligibility[] = [];
  const fail = (rule: IneligibilityRule, message: string): void => {
    failures.push({ rule, message });
  };
  const maxExtra = maxExtraBedroomsOf(policy);

  if (applicant.householdSize > unit.maxOccupants) {
    fail(
      'household_size',
      `The flat takes at most ${people(unit.maxOccupants)}; the household has ${applicant.householdSize}.`,
    );
  }
  if (unit.bedrooms < applicant.bedroomsNeeded) {
    fail('too_few_bedrooms', `The household needs ${bedrooms(applicant.bedroomsNeeded)}; the flat has ${unit.bedrooms}.`);
  }
  if (unit.bedrooms > applicant.bedroomsNeeded + maxExtra) {
    fail(
      'too_many_bedrooms',
      `The flat has ${bedrooms(unit.bedrooms)}; the household needs ${applicant.bedroomsNeeded}, ` +
        `and at most ${bedrooms(maxExtra)} more than needed may be allocated.`,
    );
  }
  if (unit.rent > applicant.maxRent) {
    fail('rent', `The rent is ${unit.rent}; the household can pay at most ${applicant.maxRent}.`);
  }
  if (applicant.wheelchair && !unit.wheelchairAccessible) {
    fail('wheelchair', 'The household needs wheelchair access; the flat is not wheelchair accessible.');
  }
  if (applicant.stepFree && !unit.stepFree) {
    fail('step_free', 'The household needs step-free access; the flat has steps.');
  }
  if (applicant.pets && !unit.petsAllowed) {
    fail('pets', 'The household has pets; pets are not allowed in the flat.');
  }
  if (applicant.excludedDistricts.includes(unit.district)) {
    fail('excluded_district', `The flat is in district ${unit.district}, which the household has ruled out.`);
  }
  return failures;
}
