import {
  EventEnvelope,
  GuaranteeClaimDecided,
  GuaranteeClaimOpened,
  GuaranteeClaimPaid,
  PaymentRecorded,
  RentArrearsChanged,
  RentCharged,
  RentIndexed,
  TenancyEnded,
  TenancyNoticeGiven,
  TenancyStarted,
} from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Calendar } from '../../calendar/calendar';
import { MoneyStep, RecordMoneyStepCommand } from '../../rent/commands/record-money-step/record-money-step.handler';
import { RecordTenancyStepCommand, TenancyFacts } from '../commands/record-tenancy-step/record-tenancy-step.handler';

type TenancyEvent = EventEnvelope<{ tenancyId: string; unitId: string; householdId: string }>;

/** hearth.leases → each tenancy's spell (start, notice, end and its reason category), arrears
 *  changes (ageing bucket, amount in cents), rent charged, rent indexed and payments received (amounts and days),
 *  and guarantee claims (kind, amounts, days of opening, decision and payment). The household's
 *  reference code, balances and payment details are not kept. */
@Injectable()
export class LeaseEventsConsumer implements EventSubscriber {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly calendar: Calendar,
  ) {}

  private record(event: TenancyEvent, facts: TenancyFacts, arrears: RecordTenancyStepCommand['arrears'] = null) {
    const { tenancyId, unitId, householdId } = event.payload;
    return this.commandBus.execute(new RecordTenancyStepCommand(tenancyId, unitId, householdId, facts, arrears));
  }

  private money(event: TenancyEvent, money: MoneyStep) {
    const { tenancyId, unitId, householdId } = event.payload;
    return this.commandBus.execute(new RecordMoneyStepCommand(tenancyId, event.aggregateVersion, unitId, householdId, money));
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
    on(RentCharged, (e) => this.money(e, { step: 'charged', month: e.payload.month, amountCents: e.payload.amountCents, dueOn: e.payload.dueDate })),
    on(RentIndexed, (e) =>
      this.money(e, { step: 'indexed', effectiveOn: e.payload.effectiveOn, previousRentCents: e.payload.previousRentCents, newRentCents: e.payload.newRentCents }),
    ),
    on(PaymentRecorded, (e) => this.money(e, { step: 'paid', amountCents: e.payload.amountCents, receivedOn: e.payload.receivedOn, source: e.payload.source })),
    // The claim's opening and decision carry no date of their own: their day is the event's.
    on(GuaranteeClaimOpened, (e) =>
      this.money(e, {
        step: 'claim_opened',
        claimId: e.payload.claimId,
        landlordId: e.payload.landlordId,
        kind: e.payload.kind,
        amountCents: e.payload.amountCents,
        openedOn: this.calendar.dayOf(e.occurredAt),
      }),
    ),
    on(GuaranteeClaimDecided, (e) =>
      this.money(e, {
        step: 'claim_decided',
        claimId: e.payload.claimId,
        kind: e.payload.kind,
        decision: e.payload.decision,
        approvedCents: e.payload.approvedCents,
        decidedOn: this.calendar.dayOf(e.occurredAt),
      }),
    ),
    on(GuaranteeClaimPaid, (e) =>
      this.money(e, { step: 'claim_paid', claimId: e.payload.claimId, landlordId: e.payload.landlordId, kind: e.payload.kind, paidCents: e.payload.paidCents, paidOn: e.payload.paidOn }),
    ),
  ];
}
