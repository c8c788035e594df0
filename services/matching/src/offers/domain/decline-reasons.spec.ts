import { declineReasonSchema } from '@hearth/contracts';
import { DECLINE_REASON_DESCRIPTIONS, DECLINE_REASONS, declineParty, isHouseholdReason } from './decline-reasons';

describe('decline reasons', () => {
  it('separates household reasons from provider reasons by their prefix, and nothing else exists', () => {
    const parties = new Set(DECLINE_REASONS.map((reason) => reason.split('.')[0]));

    expect(parties).toEqual(new Set(['household', 'provider']));
    expect(DECLINE_REASONS.every((reason) => /^(household|provider)\.[a-z_]+$/.test(reason))).toBe(true);
  });

  it.each([
    ['household.too_far_from_support', 'household'],
    ['household.unsafe_area', 'household'],
    ['household.unsuitable_accessibility', 'household'],
    ['household.personal_circumstances', 'household'],
    ['provider.unit_not_ready', 'provider'],
    ['provider.landlord_refused', 'provider'],
    ['provider.error_in_offer', 'provider'],
  ] as const)('attributes %s to the %s', (reason, party) => {
    expect(declineParty(reason)).toBe(party);
    expect(isHouseholdReason(reason)).toBe(party === 'household');
  });

  it('describes every reason in words, and only the reasons the contract knows', () => {
    expect(Object.keys(DECLINE_REASON_DESCRIPTIONS).sort()).toEqual([...declineReasonSchema.options].sort());
    expect(Object.values(DECLINE_REASON_DESCRIPTIONS).every((text) => text.length > 10)).toBe(true);
  });

  it('refuses a reason outside the taxonomy', () => {
    expect(declineReasonSchema.safeParse('household.did_not_like_the_neighbours').success).toBe(false);
    expect(declineReasonSchema.safeParse('landlord_refused').success).toBe(false);
  });
});
