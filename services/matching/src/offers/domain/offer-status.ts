import { InvalidTransitionError, withArticle } from '@hearth/platform';

export type OfferStatus = 'proposed' | 'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export type OfferTransition = 'make' | 'accept' | 'decline' | 'expire' | 'withdraw';

/**
 * The life of an offer (docs/architecture.md#matching): proposed → offered → accepted | declined | expired; staff may
 * withdraw it while proposed or offered, and after acceptance when it falls through.
 */
const transitions: Record<OfferTransition, { from: readonly OfferStatus[]; to: OfferStatus }> = {
  make: { from: ['proposed'], to: 'offered' },
  accept: { from: ['offered'], to: 'accepted' },
  decline: { from: ['offered'], to: 'declined' },
  expire: { from: ['offered'], to: 'expired' },
  withdraw: { from: ['proposed', 'offered', 'accepted'], to: 'withdrawn' },
};

export const OFFER_STATUSES: readonly OfferStatus[] = ['proposed', 'offered', 'accepted', 'declined', 'expired', 'withdrawn'];
export const OFFER_TRANSITIONS = Object.keys(transitions) as OfferTransition[];

/** Statuses that hold the unit and the household: at most one such offer per unit and per household. */
export const LIVE_OFFER_STATUSES: readonly OfferStatus[] = ['proposed', 'offered'];

export function isLive(status: OfferStatus): boolean {
  return LIVE_OFFER_STATUSES.includes(status);
}

export function canTransition(current: OfferStatus, transition: OfferTransition): boolean {
  return transitions[transition].from.includes(current);
}

export function nextOfferStatus(current: OfferStatus, transition: OfferTransition): OfferStatus {
  if (!canTransition(current, transition)) {
    throw new InvalidTransitionError('OFFER.INVALID_TRANSITION', `${withArticle(current)} offer cannot be ${PAST[transition]}`);
  }
  return transitions[transition].to;
}

const PAST: Record<OfferTransition, string> = {
  make: 'made',
  accept: 'accepted',
  decline: 'declined',
  expire: 'expired',
  withdraw: 'withdrawn',
};
