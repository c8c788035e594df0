import { declinePartySchema, declineReasonSchema } from '@hearth/contracts';
import { z } from 'zod';

export type DeclineReason = z.infer<typeof declineReasonSchema>;
export type DeclineParty = z.infer<typeof declinePartySchema>;

export const DECLINE_REASONS: readonly DeclineReason[] = declineReasonSchema.options;

/**
 * Why an offer was declined, in words. `household.*`: the household said no, which never lowers
 * its priority and never takes it off the waitlist. `provider.*`: the agency or the landlord
 * could not go through with the offer; nothing is held against the household either way.
 */
export const DECLINE_REASON_DESCRIPTIONS: Readonly<Record<DeclineReason, string>> = {
  'household.too_far_from_support': 'Too far from the household’s support network, school, work or care',
  'household.unsafe_area': 'The household does not feel safe in the area or the building',
  'household.unsuitable_accessibility': 'The flat does not meet the household’s access needs in practice',
  'household.too_expensive': 'The household finds the rent and charges too high',
  'household.too_small': 'The household finds the flat too small',
  'household.personal_circumstances': 'The household’s circumstances changed (the details stay with its caseworker)',
  'household.other': 'Another reason the household gave',
  'provider.unit_not_ready': 'The flat is not ready to be let',
  'provider.landlord_refused': 'The landlord refused the household',
  'provider.error_in_offer': 'The offer was made in error',
  'provider.other': 'Another reason on the agency’s or the landlord’s side',
};

/** Who declined: the part of the code before the dot. */
export function declineParty(reason: DeclineReason): DeclineParty {
  return declinePartySchema.parse(reason.slice(0, reason.indexOf('.')));
}

export function isHouseholdReason(reason: DeclineReason): boolean {
  return declineParty(reason) === 'household';
}
