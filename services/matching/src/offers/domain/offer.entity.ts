import { ActorRef, offerSourceSchema, offerWithdrawalReasonSchema } from '@hearth/contracts';
import { VersionedEntity } from '@hearth/persistence';
import { Column, Entity } from 'typeorm';
import { z } from 'zod';
import { OfferDeadlinePassedError } from '../offer.errors';
import { DeclineParty, DeclineReason, declineParty } from './decline-reasons';
import { nextOfferStatus, OfferStatus } from './offer-status';

export type OfferSource = z.infer<typeof offerSourceSchema>;
export type OfferWithdrawalReason = z.infer<typeof offerWithdrawalReasonSchema>;

/** One unit offered to one household, from proposal to the household's answer. */
@Entity('offers')
export class Offer extends VersionedEntity {
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @Column('uuid', { name: 'household_id' }) householdId: string;
  /** The household's pseudonymous reference (HX-…), for people reading the offer. */
  @Column('text') reference: string;
  @Column('text') status: OfferStatus;
  @Column('text') source: OfferSource;
  @Column('uuid', { name: 'run_id', nullable: true }) runId: string | null;
  @Column('double precision') score: number;
  /** Position on the unit's shortlist when proposed; null for a run's proposal or a household not on it. */
  @Column('int', { nullable: true }) rank: number | null;
  /** Why staff proposed a household that was not first on the shortlist. Stays in matching. */
  @Column('text', { nullable: true }) justification: string | null;
  @Column('timestamptz', { name: 'response_deadline', nullable: true }) responseDeadline: Date | null;
  @Column('timestamptz', { name: 'made_at', nullable: true }) madeAt: Date | null;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt: Date | null;
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason: DeclineReason | null;
  @Column('text', { name: 'decline_party', nullable: true }) declineParty: DeclineParty | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: OfferWithdrawalReason | null;
  /** A free-text note with a decline or withdrawal. Stays in matching, never in an event. */
  @Column('text', { nullable: true }) note: string | null;
  @Column('jsonb', { name: 'proposed_by' }) proposedBy: ActorRef;

  /** A new offer, proposed: not yet made, answered or withdrawn. */
  static proposed(
    fields: Pick<Offer, 'id' | 'unitId' | 'householdId' | 'reference' | 'source' | 'runId' | 'score' | 'rank' | 'justification' | 'proposedBy'>,
  ): Offer {
    return Object.assign(new Offer(), {
      ...fields,
      version: 0,
      status: 'proposed',
      responseDeadline: null,
      madeAt: null,
      answeredAt: null,
      declineReason: null,
      declineParty: null,
      withdrawalReason: null,
      note: null,
    });
  }

  /** The household is told; it has until the deadline to answer. */
  make(now: Date, responseMs: number): void {
    this.status = nextOfferStatus(this.status, 'make');
    this.madeAt = now;
    this.responseDeadline = new Date(now.getTime() + responseMs);
  }

  accept(now: Date): void {
    const next = nextOfferStatus(this.status, 'accept');
    this.assertNotOverdue(now);
    this.status = next;
    this.answeredAt = now;
  }

  /** Declining never lowers the household's priority: nothing here or anywhere else touches it. */
  decline(reason: DeclineReason, note: string | null, now: Date): void {
    const next = nextOfferStatus(this.status, 'decline');
    this.assertNotOverdue(now);
    this.status = next;
    this.declineReason = reason;
    this.declineParty = declineParty(reason);
    this.note = note;
    this.answeredAt = now;
  }

  expire(): void {
    this.status = nextOfferStatus(this.status, 'expire');
  }

  /** Returns the status the offer had, which tells consumers whether a reservation is to be released. */
  withdraw(reason: OfferWithdrawalReason, note: string | null): 'proposed' | 'offered' | 'accepted' {
    const previous = this.status as 'proposed' | 'offered' | 'accepted';
    this.status = nextOfferStatus(this.status, 'withdraw');
    this.withdrawalReason = reason;
    this.note = note;
    return previous;
  }

  /** The deadline has passed; the expiry job is about to expire the offer, so no answer is recorded any more. */
  isOverdue(now: Date): boolean {
    return this.responseDeadline !== null && now.getTime() > this.responseDeadline.getTime();
  }

  private assertNotOverdue(now: Date): void {
    if (this.isOverdue(now)) throw new OfferDeadlinePassedError(this.id, this.responseDeadline!);
  }
}
