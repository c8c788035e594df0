import { Actor } from '@hearth/auth';
import { OfferAccepted, OfferDeclined } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HouseholdPool } from '../../../household-pool/household-pool.repository';
import { UnitPool } from '../../../unit-pool/unit-pool.repository';
import { assertOnCaseload } from '../../caseload-access';
import { DeclineReason, isHouseholdReason } from '../../domain/decline-reasons';
import { NextOnShortlist } from '../../next-on-shortlist';
import { ProviderReasonStaffOnlyError } from '../../offer.errors';
import { OfferRepository } from '../../offer.repository';
import { OfferView, offerRef, toOfferView } from '../../offer.view';

export type OfferAnswer = { kind: 'accept' } | { kind: 'decline'; reason: DeclineReason; note: string | null };

export type AnswerResult = OfferView & {
  /** After a decline: the offer proposed automatically to the next household on the shortlist, if any. */
  nextOffer?: OfferView | null;
};

export class AnswerOfferCommand extends Command<AnswerResult> {
  constructor(
    readonly offerId: string,
    readonly answer: OfferAnswer,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/**
 * Records the household's answer. Accepting takes the unit and the household out of the pool at
 * once (units then reserves the unit). Declining never touches the household's priority or place;
 * the next household on the shortlist is proposed when AUTO_PROPOSE_NEXT is on.
 */
@CommandHandler(AnswerOfferCommand)
export class AnswerOfferHandler implements ICommandHandler<AnswerOfferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly units: UnitPool,
    private readonly households: HouseholdPool,
    private readonly next: NextOnShortlist,
  ) {}

  execute({ offerId, answer, actor, expectedVersion }: AnswerOfferCommand): Promise<AnswerResult> {
    if (answer.kind === 'decline' && actor.role === 'caseworker' && !isHouseholdReason(answer.reason)) {
      throw new ProviderReasonStaffOnlyError();
    }
    return this.unitOfWork.run(async (manager) => {
      const offer = await this.offers.getForUpdate(manager, offerId);
      await assertOnCaseload(manager, actor, offer);
      assertExpectedVersion('Offer', offer, expectedVersion);
      const now = new Date();
      if (answer.kind === 'accept') {
        offer.accept(now);
        await this.offers.save(manager, offer, (version) => [
          newEvent(OfferAccepted, { aggregateId: offer.id, aggregateVersion: version, payload: { ...offerRef(offer), acceptedAt: now.toISOString() }, actor }),
        ]);
        await this.units.markReserved(manager, offer.unitId);
        await this.households.markOffered(manager, offer.householdId);
        return toOfferView(offer);
      }
      offer.decline(answer.reason, answer.note, now);
      await this.offers.save(manager, offer, (version) => [
        newEvent(OfferDeclined, {
          aggregateId: offer.id,
          aggregateVersion: version,
          payload: { ...offerRef(offer), reason: answer.reason, party: offer.declineParty! },
          actor,
        }),
      ]);
      const nextOffer = await this.next.propose(manager, offer.unitId);
      return { ...toOfferView(offer), nextOffer: nextOffer ? toOfferView(nextOffer) : null };
    });
  }
}
