import { randomUUID } from 'node:crypto';
import { anEnvelope } from './event.builders';

/** The matching service's events for one offer, numbered like its aggregate. */
export class OfferEventStream {
  private version = 0;
  readonly offerId = randomUUID();

  constructor(readonly offer: { unitId: string; householdId: string; reference: string }) {}

  private next(type: string, payload: Record<string, unknown> = {}) {
    this.version += 1;
    return anEnvelope({
      type,
      source: 'matching',
      aggregateType: 'Offer',
      aggregateId: this.offerId,
      aggregateVersion: this.version,
      payload: { offerId: this.offerId, ...this.offer, ...payload },
    });
  }

  made(responseDeadline = new Date(Date.now() + 5 * 86_400_000).toISOString()) {
    return this.next('OfferMade', { responseDeadline });
  }

  accepted() {
    return this.next('OfferAccepted', { acceptedAt: new Date().toISOString() });
  }

  declined(reason = 'household.too_far_from_support', party = 'household') {
    return this.next('OfferDeclined', { reason, party });
  }

  expired(responseDeadline = new Date().toISOString()) {
    return this.next('OfferExpired', { responseDeadline });
  }

  withdrawn(previousStatus: 'proposed' | 'offered' | 'accepted', reason = 'fell_through_after_acceptance') {
    return this.next('OfferWithdrawn', { previousStatus, reason });
  }
}
