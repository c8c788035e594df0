import { Actor } from '@hearth/auth';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OfferWithdrawalReason } from '../../domain/offer.entity';
import { OfferWithdrawals } from '../../offer-withdrawals';
import { OfferRepository } from '../../offer.repository';
import { OfferView, toOfferView } from '../../offer.view';

export class WithdrawOfferCommand extends Command<OfferView> {
  constructor(
    readonly offerId: string,
    readonly reason: OfferWithdrawalReason,
    readonly note: string | null,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** Staff withdraw a proposed or open offer, or an accepted one that fell through. No household is proposed automatically. */
@CommandHandler(WithdrawOfferCommand)
export class WithdrawOfferHandler implements ICommandHandler<WithdrawOfferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly withdrawals: OfferWithdrawals,
  ) {}

  execute({ offerId, reason, note, actor, expectedVersion }: WithdrawOfferCommand): Promise<OfferView> {
    return this.unitOfWork.run(async (manager) => {
      const offer = await this.offers.getForUpdate(manager, offerId);
      assertExpectedVersion('Offer', offer, expectedVersion);
      return toOfferView(await this.withdrawals.withdraw(manager, offer, reason, note, actor));
    });
  }
}
