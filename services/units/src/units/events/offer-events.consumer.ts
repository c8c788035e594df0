import { OfferAccepted, OfferWithdrawn } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyOfferDecisionCommand } from '../commands/apply-offer-decision/apply-offer-decision.handler';

/** hearth.matching → reservations: an accepted offer reserves the flat, an accepted offer that
 *  falls through releases it. */
@Injectable()
export class OfferEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [
    on(OfferAccepted, ({ payload }) =>
      this.commandBus.execute(new ApplyOfferDecisionCommand(payload.unitId, { kind: 'accepted', offerId: payload.offerId })),
    ),
    on(OfferWithdrawn, async ({ payload }) => {
      if (payload.previousStatus !== 'accepted') return;
      await this.commandBus.execute(new ApplyOfferDecisionCommand(payload.unitId, { kind: 'fell_through', offerId: payload.offerId }));
    }),
  ];
}
