import { Applicant, Policy, Unit, maxExtraBedroomsOf } from './types';

/** The seven hard rules (docs/matching-rules.md#eligibility). */
export function isEligible(applicant: Applicant, unit: Unit, policy: Pick<Policy, 'maxExtraBedrooms'>): boolean {
  return (
    applicant.householdSize <= unit.maxOccupants &&
    applicant.bedroomsNeeded <= unit.bedrooms &&
    unit.bedrooms <= applicant.bedroomsNeeded + maxExtraBedroomsOf(policy) &&
    unit.rent <= applicant.maxRent &&
    (!applicant.wheelchair || unit.wheelchairAccessible) &&
    (!applicant.stepFree || unit.stepFree) &&
    (!applicant.pets || unit.petsAllowed) &&
    !applicant.excludedDistricts.includes(unit.district)
  );
}
