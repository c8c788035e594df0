import { EventEnvelope, RentArrearsChanged, TenancyEnded, TenancyNoticeGiven, TenancyStarted } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordTenancyStepCommand, TenancyFacts } from '../commands/record-tenancy-step/record-tenancy-step.handler';

type TenancyEvent = EventEnvelope<{ tenancyId: string; unitId: string; householdId: string }>;

/** hearth.leases → each tenancy's spell (start, notice, end and its reason category) and arrears
 *  changes (ageing bucket, amount in cents). The household's reference code is not kept. */
@Injectable()
export class LeaseEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private record(event: TenancyEvent, facts: TenancyFacts, arrears: RecordTenancyStepCommand['arrears'] = null) {
    const { tenancyId, unitId, householdId } = event.payload;
    return this.commandBus.execute(new RecordTenancyStepCommand(tenancyId, unitId, householdId, facts, arrears));
  }

  readonly subscriptions = [
    on(TenancyStarted, (e) =>
      this.record(e, { landlordId: e.payload.landlordId, startedOn: e.payload.startDate, rentCents: e.payload.rentCents, serviceChargesCents: e.payload.serviceChargesCents }),
    ),
    on(TenancyNoticeGiven, (e) =>
      this.record(e, { noticeGivenOn: e.payload.noticeGivenOn, noticeEndsOn: e.payload.endsOn, noticeGivenBy: e.payload.givenBy, noticeReason: e.payload.reason }),
    ),
    on(TenancyEnded, (e) => this.record(e, { landlordId: e.payload.landlordId, endedOn: e.payload.endedOn, endReason: e.payload.reason })),
    on(RentArrearsChanged, (e) =>
      this.record(
        e,
        {},
        { tenancyVersion: e.aggregateVersion, changedOn: e.payload.changedOn, ageing: e.payload.ageing, arrearsCents: e.payload.arrearsCents, monthsUnpaid: e.payload.monthsUnpaid },
      ),
    ),
  ];
}
