import { OfferAccepted, OfferWithdrawn } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CancelPreparationCommand } from '../commands/open-preparation/cancel-preparation.handler';
import { OpenPreparationCommand } from '../commands/open-preparation/open-preparation.handler';

/** hearth.matching → an accepted offer opens the neighbours' preparation; one that falls through cancels it. */
@Injectable()
export class OfferEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [
    on(OfferAccepted, ({ payload }) => this.commandBus.execute(new OpenPreparationCommand(payload))),
    on(OfferWithdrawn, async ({ payload }) => {
      if (payload.previousStatus === 'accepted') await this.commandBus.execute(new CancelPreparationCommand(payload.offerId));
    }),
  ];
}
