import { MatchingAttributes } from '@hearth/contracts';
import { Household } from './domain/household.entity';

/** What matching reads about a waitlisted household (docs/matching-rules.md), with its id, reference, programme and status. */
export function toMatchingAttributes(household: Household): MatchingAttributes {
  if (household.maxRent === null || household.priority === null) {
    throw new Error(`Household ${household.reference} has no maxRent or priority: not in the matching pool`);
  }
  return {
    householdId: household.id,
    reference: household.reference,
    programme: household.programme,
    status: household.status,
    householdSize: household.householdSize,
    bedroomsNeeded: household.bedroomsNeeded,
    maxRent: household.maxRent,
    wheelchair: household.wheelchair,
    stepFree: household.stepFree,
    pets: household.pets,
    excludedDistricts: [...household.excludedDistricts],
    preferredDistricts: [...household.preferredDistricts],
    priority: household.priority,
    waitingSince: isoDate(household.registeredAt),
    caseworkerId: household.caseworkerId,
  };
}

/** True when something matching reads differs (status, ids and dates aside). */
function matchingAttributesDiffer(before: MatchingAttributes | null, after: MatchingAttributes): boolean {
  if (!before) return true;
  const keys: (keyof MatchingAttributes)[] = [
    'householdSize',
    'bedroomsNeeded',
    'maxRent',
    'wheelchair',
    'stepFree',
    'pets',
    'excludedDistricts',
    'preferredDistricts',
    'priority',
  ];
  return keys.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** The matching attributes if the household has them all, else null. */
export function matchingAttributesOrNull(household: Household): MatchingAttributes | null {
  return household.maxRent === null || household.priority === null ? null : toMatchingAttributes(household);
}

/**
 * What ApplicantNeedsChanged publishes after a change: the household's new matching attributes
 * when it is in the matching pool and something matching reads differs from `before`
 * (matchingAttributesOrNull before the change); null when there is nothing to publish.
 */
export function changedMatchingAttributes(household: Household, before: MatchingAttributes | null): MatchingAttributes | null {
  if (!household.isInMatchingPool) return null;
  const after = toMatchingAttributes(household);
  return matchingAttributesDiffer(before, after) ? after : null;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
