import { ActorRef, OfferWithdrawn, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Offer, OfferWithdrawalReason } from './domain/offer.entity';
import { OfferRepository } from './offer.repository';
import { offerRef } from './offer.view';

/** Withdraws offers: one at a staff member's request, or every live one when its unit or household leaves the pool. */
@Injectable()
export class OfferWithdrawals {
  constructor(private readonly offers: OfferRepository) {}

  async withdraw(manager: EntityManager, offer: Offer, reason: OfferWithdrawalReason, note: string | null, actor: ActorRef): Promise<Offer> {
    const previousStatus = offer.withdraw(reason, note);
    await this.offers.save(manager, offer, (version) => [
      newEvent(OfferWithdrawn, { aggregateId: offer.id, aggregateVersion: version, payload: { ...offerRef(offer), previousStatus, reason }, actor }),
    ]);
    return offer;
  }

  /** The unit is no longer available, or the household no longer waitlisted: its proposed and open offers lapse. */
  async withdrawLive(manager: EntityManager, where: { unitId: string } | { householdId: string }, reason: OfferWithdrawalReason): Promise<number> {
    const live = await this.offers.live(manager, where);
    for (const offer of live) await this.withdraw(manager, offer, reason, null, SYSTEM_ACTOR);
    return live.length;
  }
}
