import { OfferExpired, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NextOnShortlist } from '../../next-on-shortlist';
import { OfferRepository } from '../../offer.repository';
import { offerRef } from '../../offer.view';

export type ExpiryOutcome =
  | { kind: 'skipped' }
  | { kind: 'not_due'; deadline: Date }
  | { kind: 'expired'; nextOfferId: string | null };

export class ExpireOfferCommand extends Command<ExpiryOutcome> {
  constructor(readonly offerId: string) {
    super();
  }
}

/**
 * The response deadline has passed: an offer still open expires (the household keeps its place
 * and its priority) and, when the policy says so, the next household on the shortlist is proposed.
 * An offer already answered or withdrawn, or gone, is left alone.
 */
@CommandHandler(ExpireOfferCommand)
export class ExpireOfferHandler implements ICommandHandler<ExpireOfferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly next: NextOnShortlist,
  ) {}

  execute({ offerId }: ExpireOfferCommand): Promise<ExpiryOutcome> {
    return this.unitOfWork.run(async (manager) => {
      const offer = await this.offers.findForUpdate(manager, offerId);
      if (offer?.status !== 'offered' || !offer.responseDeadline) return { kind: 'skipped' };
      if (offer.responseDeadline.getTime() > Date.now()) return { kind: 'not_due', deadline: offer.responseDeadline };
      offer.expire();
      const responseDeadline = offer.responseDeadline.toISOString();
      await this.offers.save(manager, offer, (version) => [
        newEvent(OfferExpired, { aggregateId: offer.id, aggregateVersion: version, payload: { ...offerRef(offer), responseDeadline }, actor: SYSTEM_ACTOR }),
      ]);
      const nextOffer = await this.next.propose(manager, offer.unitId);
      return { kind: 'expired', nextOfferId: nextOffer?.id ?? null };
    });
  }
}
