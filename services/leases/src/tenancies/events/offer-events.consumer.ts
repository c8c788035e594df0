import { OfferAccepted, OfferWithdrawn } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CancelTenancyCommand } from '../commands/cancel-tenancy/cancel-tenancy.handler';
import { OpenTenancyDraftCommand } from '../commands/open-tenancy-draft/open-tenancy-draft.handler';

/** hearth.matching → tenancies: an accepted offer opens a draft; an accepted offer that falls through cancels it. */
@Injectable()
export class OfferEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [
    on(OfferAccepted, ({ payload }) =>
      this.commandBus.execute(
        new OpenTenancyDraftCommand({ offerId: payload.offerId, unitId: payload.unitId, householdId: payload.householdId, reference: payload.reference }),
      ),
    ),
    on(OfferWithdrawn, async ({ payload }) => {
      if (payload.previousStatus !== 'accepted') return;
      await this.commandBus.execute(new CancelTenancyCommand(payload.offerId));
    }),
  ];
}
