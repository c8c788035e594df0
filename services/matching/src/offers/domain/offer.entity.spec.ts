import { Offer } from './offer.entity';

function aProposedOffer(): Offer {
  return Offer.proposed({
    id: 'a0a0a0a0-0000-4000-8000-000000000001',
    unitId: 'b0b0b0b0-0000-4000-8000-000000000002',
    householdId: 'c0c0c0c0-0000-4000-8000-000000000003',
    reference: 'HX-7Q2K',
    source: 'shortlist',
    runId: null,
    score: 110.5,
    rank: 1,
    justification: null,
    proposedBy: { id: 'staff-1', role: 'sra_staff' },
  });
}

const MADE_AT = new Date('2027-03-01T09:00:00Z');
const FIVE_DAYS = 5 * 24 * 3600 * 1000;

describe('an offer', () => {
  it('sets the response deadline when it is made', () => {
    const offer = aProposedOffer();

    offer.make(MADE_AT, FIVE_DAYS);

    expect(offer).toMatchObject({ status: 'offered', madeAt: MADE_AT, responseDeadline: new Date('2027-03-06T09:00:00Z') });
  });

  it('records an answer given before the deadline', () => {
    const offer = aProposedOffer();
    offer.make(MADE_AT, FIVE_DAYS);

    offer.accept(new Date('2027-03-06T08:59:59Z'));

    expect(offer).toMatchObject({ status: 'accepted', answeredAt: new Date('2027-03-06T08:59:59Z') });
  });

  it('refuses an answer after the deadline with 409 OFFER.DEADLINE_PASSED, leaving the offer open for its expiry', () => {
    const offer = aProposedOffer();
    offer.make(MADE_AT, FIVE_DAYS);

    expect(() => offer.decline('household.unsafe_area', null, new Date('2027-03-06T09:00:01Z'))).toThrow(
      expect.objectContaining({ code: 'OFFER.DEADLINE_PASSED', status: 409 }),
    );
    expect(offer.status).toBe('offered');
  });

  it('records who declined and why, and leaves its score alone', () => {
    const offer = aProposedOffer();
    offer.make(MADE_AT, FIVE_DAYS);

    offer.decline('provider.landlord_refused', 'owner wants a different tenant profile', new Date('2027-03-02T10:00:00Z'));

    expect(offer).toMatchObject({ status: 'declined', declineReason: 'provider.landlord_refused', declineParty: 'provider', score: 110.5 });
  });

  it('tells which status it had when withdrawn, so a fallen-through acceptance releases the unit', () => {
    const offer = aProposedOffer();
    offer.make(MADE_AT, FIVE_DAYS);
    offer.accept(new Date('2027-03-02T10:00:00Z'));

    expect(offer.withdraw('fell_through_after_acceptance', null)).toBe('accepted');
    expect(offer).toMatchObject({ status: 'withdrawn', withdrawalReason: 'fell_through_after_acceptance' });
  });

  it('cannot be answered before it is made', () => {
    expect(() => aProposedOffer().accept(MADE_AT)).toThrow(expect.objectContaining({ code: 'OFFER.INVALID_TRANSITION' }));
  });
});
