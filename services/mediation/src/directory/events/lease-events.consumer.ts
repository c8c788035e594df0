import { ArrearsCleared, ArrearsStageReached, PaymentPlanAgreed, PaymentPlanBroken, RentArrearsChanged, TenancyEnded, TenancyNoticeGiven, TenancyStarted } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulePostArrivalMeetingCommand } from '../../arrivals/commands/schedule-post-arrival-meeting/schedule-post-arrival-meeting.handler';
import { RecomputeRiskCommand } from '../../risk/recompute-risk.command';
import { RecordTenancyCommand, TenancyChange } from '../record-tenancy.handler';

/**
 * hearth.leases → the tenancies mediation knows (for complaints, case reviews and the risk signal);
 * a tenancy's start schedules the post-arrival meeting; arrears feed the tenancy-at-risk signal.
 */
@Injectable()
export class LeaseEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private async record(tenancyId: string, version: number, change: TenancyChange): Promise<void> {
    await this.commandBus.execute(new RecordTenancyCommand(tenancyId, version, change));
    await this.commandBus.execute(new RecomputeRiskCommand(tenancyId));
  }

  readonly subscriptions = [
    on(TenancyStarted, async ({ payload: t, aggregateVersion }) => {
      await this.commandBus.execute(
        new RecordTenancyCommand(t.tenancyId, aggregateVersion, { kind: 'started', unitId: t.unitId, householdId: t.householdId, reference: t.reference, landlordId: t.landlordId, startedOn: t.startDate }),
      );
      await this.commandBus.execute(new SchedulePostArrivalMeetingCommand(t.tenancyId));
    }),
    on(TenancyNoticeGiven, ({ payload: t, aggregateVersion }) =>
      this.record(t.tenancyId, aggregateVersion, { kind: 'status', unitId: t.unitId, householdId: t.householdId, reference: t.reference, status: 'ending' }),
    ),
    on(TenancyEnded, ({ payload: t, aggregateVersion }) =>
      this.record(t.tenancyId, aggregateVersion, { kind: 'status', unitId: t.unitId, householdId: t.householdId, reference: t.reference, landlordId: t.landlordId, status: 'ended' }),
    ),
    on(ArrearsStageReached, ({ payload, aggregateVersion }) =>
      this.record(payload.tenancyId, aggregateVersion, { kind: 'arrears', ...(['established', 'claim'].includes(payload.stage) && { established: true }) }),
    ),
    on(ArrearsCleared, ({ payload, aggregateVersion }) => this.record(payload.tenancyId, aggregateVersion, { kind: 'arrears', established: false, brokenPaymentPlan: false })),
    // Arrears paid back to nothing clear the factor as well.
    on(RentArrearsChanged, ({ payload, aggregateVersion }) =>
      this.record(payload.tenancyId, aggregateVersion, { kind: 'arrears', ...(payload.ageing === 'none' && { established: false, brokenPaymentPlan: false }) }),
    ),
    on(PaymentPlanBroken, ({ payload, aggregateVersion }) => this.record(payload.tenancyId, aggregateVersion, { kind: 'arrears', brokenPaymentPlan: true })),
    on(PaymentPlanAgreed, ({ payload, aggregateVersion }) => this.record(payload.tenancyId, aggregateVersion, { kind: 'arrears', brokenPaymentPlan: false })),
  ];
}
