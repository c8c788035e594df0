import { InvalidTransitionError } from '@hearth/platform';
import { canTransition, isLive, nextOfferStatus, OFFER_STATUSES, OFFER_TRANSITIONS, OfferStatus, OfferTransition } from './offer-status';

/**
 * The life of an offer as docs/architecture.md#matching and issue #6 describe it, written out independently of the code:
 * proposed → offered → accepted | declined | expired; withdrawn by staff while proposed or offered,
 * or after acceptance when it falls through. Declined, expired and withdrawn are final.
 */
const EXPECTED: Record<OfferStatus, Partial<Record<OfferTransition, OfferStatus>>> = {
  proposed: { make: 'offered', withdraw: 'withdrawn' },
  offered: { accept: 'accepted', decline: 'declined', expire: 'expired', withdraw: 'withdrawn' },
  accepted: { withdraw: 'withdrawn' },
  declined: {},
  expired: {},
  withdrawn: {},
};

const matrix = OFFER_STATUSES.flatMap((from) => OFFER_TRANSITIONS.map((transition) => ({ from, transition, to: EXPECTED[from][transition] })));
const allowed = matrix.filter((row): row is { from: OfferStatus; transition: OfferTransition; to: OfferStatus } => row.to !== undefined);
const refused = matrix.filter((row) => row.to === undefined);

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('offer status machine', () => {
  it('knows exactly six statuses and five transitions', () => {
    expect([...OFFER_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...OFFER_TRANSITIONS].sort()).toEqual(['accept', 'decline', 'expire', 'make', 'withdraw']);
    expect(allowed).toHaveLength(7);
  });

  it.each(allowed)('moves a $from offer to $to on $transition', ({ from, transition, to }) => {
    expect(nextOfferStatus(from, transition)).toBe(to);
    expect(canTransition(from, transition)).toBe(true);
  });

  it.each(refused)('refuses to $transition a $from offer with a 409 OFFER.INVALID_TRANSITION', ({ from, transition }) => {
    const error = errorOf(() => nextOfferStatus(from, transition));

    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ code: 'OFFER.INVALID_TRANSITION', status: 409 });
    expect(canTransition(from, transition)).toBe(false);
  });

  it('says in plain words what cannot happen', () => {
    expect(() => nextOfferStatus('accepted', 'decline')).toThrow('An accepted offer cannot be declined');
    expect(() => nextOfferStatus('proposed', 'accept')).toThrow('A proposed offer cannot be accepted');
  });

  it('counts only proposed and offered as live (one per unit and per household)', () => {
    expect(OFFER_STATUSES.filter(isLive)).toEqual(['proposed', 'offered']);
  });

  it.each<OfferStatus>(['declined', 'expired', 'withdrawn'])('treats %s as final', (status) => {
    expect(OFFER_TRANSITIONS.filter((transition) => canTransition(status, transition))).toEqual([]);
  });
});
