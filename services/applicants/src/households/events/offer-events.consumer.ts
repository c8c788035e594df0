import { OfferDeclined, OfferExpired, OfferMade, OfferWithdrawn } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordOfferOutcomeCommand } from '../commands/record-offer-outcome/record-offer-outcome.handler';

/** hearth.matching → a household's place: offered while an offer is open, back on the waitlist
 *  when it is declined, expires or is withdrawn. (An accepted offer keeps it offered until housed.) */
@Injectable()
export class OfferEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private record(householdId: string, kind: 'made' | 'fell_through', offerId: string) {
    return this.commandBus.execute(new RecordOfferOutcomeCommand(householdId, { kind, offerId }));
  }

  readonly subscriptions = [
    on(OfferMade, ({ payload }) => this.record(payload.householdId, 'made', payload.offerId)),
    on(OfferDeclined, ({ payload }) => this.record(payload.householdId, 'fell_through', payload.offerId)),
    on(OfferExpired, ({ payload }) => this.record(payload.householdId, 'fell_through', payload.offerId)),
    on(OfferWithdrawn, ({ payload }) => this.record(payload.householdId, 'fell_through', payload.offerId)),
  ];
}
