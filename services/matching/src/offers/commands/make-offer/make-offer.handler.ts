import { Actor } from '@hearth/auth';
import { OfferMade } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MatchingSettings } from '../../../matching-settings';
import { OfferRepository } from '../../offer.repository';
import { OfferView, offerRef, toOfferView } from '../../offer.view';
import { OfferExpiryJobs } from '../expire-offer/offer-expiry.job';

export class MakeOfferCommand extends Command<OfferView> {
  constructor(
    readonly offerId: string,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** The household is told of the offer: its response deadline starts and its expiry is scheduled. */
@CommandHandler(MakeOfferCommand)
export class MakeOfferHandler implements ICommandHandler<MakeOfferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly settings: MatchingSettings,
    private readonly expiries: OfferExpiryJobs,
  ) {}

  execute({ offerId, actor, expectedVersion }: MakeOfferCommand): Promise<OfferView> {
    return this.unitOfWork.run(async (manager) => {
      const offer = await this.offers.getForUpdate(manager, offerId);
      assertExpectedVersion('Offer', offer, expectedVersion);
      offer.make(new Date(), this.settings.offerResponseMs);
      const responseDeadline = offer.responseDeadline!;
      await this.offers.save(manager, offer, (version) => [
        newEvent(OfferMade, {
          aggregateId: offer.id,
          aggregateVersion: version,
          payload: { ...offerRef(offer), responseDeadline: responseDeadline.toISOString() },
          actor,
        }),
      ]);
      // After the commit, never holding the offer's row lock on Redis; the sweep catches it up.
      this.unitOfWork.afterCommit(() => this.expiries.schedule(offer.id, responseDeadline));
      return toOfferView(offer);
    });
  }
}
