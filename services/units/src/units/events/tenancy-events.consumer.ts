import { TenancyNoticeGiven, TenancyStarted } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyTenancyChangeCommand } from '../commands/apply-tenancy-change/apply-tenancy-change.handler';

/** hearth.leases → the flat's state: let when its tenancy starts, vacating when notice is given. */
@Injectable()
export class TenancyEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [
    on(TenancyStarted, ({ payload }) => this.commandBus.execute(new ApplyTenancyChangeCommand(payload.unitId, { kind: 'started', tenancyId: payload.tenancyId }))),
    on(TenancyNoticeGiven, ({ payload }) =>
      this.commandBus.execute(new ApplyTenancyChangeCommand(payload.unitId, { kind: 'notice_given', tenancyId: payload.tenancyId, endsOn: payload.endsOn })),
    ),
  ];
}
