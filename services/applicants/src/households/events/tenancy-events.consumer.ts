import { TenancyStarted } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordTenancyStartCommand } from '../commands/record-tenancy-start/record-tenancy-start.handler';

/** hearth.leases → a household's place: housed when its tenancy starts. */
@Injectable()
export class TenancyEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [on(TenancyStarted, ({ payload }) => this.commandBus.execute(new RecordTenancyStartCommand(payload.householdId, payload.tenancyId)))];
}
