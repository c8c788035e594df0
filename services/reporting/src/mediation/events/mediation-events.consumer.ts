import {
  CommitteeDecisionRecorded,
  ComplaintAcknowledged,
  ComplaintAnswered,
  ComplaintEscalated,
  ComplaintReceived,
  EventEnvelope,
  MediationAgreementReached,
  MediationClosed,
  TenancyAtRisk,
  TenancyRiskCleared,
} from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Calendar } from '../../calendar/calendar';
import { ComplaintFacts, MediationFacts, RecordCaseStepCommand } from '../commands/record-case-step/record-case-step.handler';

type ComplaintEvent = EventEnvelope<{ complaintId: string; unitId: string; tenancyId: string | null }>;
type MediationEvent = EventEnvelope<{ mediationId: string; unitId: string; tenancyId: string | null }>;

/** hearth.mediation → complaints (category, intensity, kinds of parties, each stage's days and
 *  whether it was answered in time), mediation outcomes and the tenancy-risk signal. Never who,
 *  never a text. */
@Injectable()
export class MediationEventsConsumer implements EventSubscriber {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly calendar: Calendar,
  ) {}

  private complaint(e: ComplaintEvent, facts: ComplaintFacts) {
    return this.commandBus.execute(new RecordCaseStepCommand({ table: 'complaints', id: e.payload.complaintId, unitId: e.payload.unitId, tenancyId: e.payload.tenancyId, facts }));
  }

  private mediation(e: MediationEvent, facts: MediationFacts) {
    return this.commandBus.execute(new RecordCaseStepCommand({ table: 'mediations', id: e.payload.mediationId, unitId: e.payload.unitId, tenancyId: e.payload.tenancyId, facts }));
  }

  private risk(e: EventEnvelope<{ tenancyId: string }>, atRisk: boolean) {
    return this.commandBus.execute(
      new RecordCaseStepCommand({ table: 'tenancy_risk_steps', id: e.payload.tenancyId, version: e.aggregateVersion, atRisk, onDate: this.calendar.dayOf(e.occurredAt) }),
    );
  }

  readonly subscriptions = [
    on(ComplaintReceived, (e) =>
      this.complaint(e, {
        category: e.payload.category,
        intensity: e.payload.intensity,
        complainantKind: e.payload.complainantKind,
        respondentKind: e.payload.respondentKind,
        receivedOn: e.payload.receivedOn,
        acknowledgeBy: e.payload.acknowledgeBy,
      }),
    ),
    on(ComplaintAcknowledged, (e) => this.complaint(e, 
        e.payload.stage === 1
          ? { acknowledgedOn: e.payload.acknowledgedOn, answerDueBy: e.payload.answerBy }
          : { stage2AcknowledgedOn: e.payload.acknowledgedOn, stage2AnswerDueBy: e.payload.answerBy },
      )),
    on(ComplaintAnswered, (e) =>
      this.complaint(
        e,
        e.payload.stage === 1
          ? { answeredOn: e.payload.answeredOn, answerBy: e.payload.answerBy, answeredLate: e.payload.late, upheld: e.payload.upheld }
          : { stage2AnsweredOn: e.payload.answeredOn, stage2AnswerBy: e.payload.answerBy, stage2AnsweredLate: e.payload.late, stage2Upheld: e.payload.upheld },
      ),
    ),
    on(ComplaintEscalated, (e) =>
      this.complaint(
        e,
        e.payload.to === 'stage_2' ? { stage2RequestedOn: e.payload.escalatedOn } : { mediationId: e.payload.mediationId ?? undefined, toMediationOn: e.payload.escalatedOn },
      ),
    ),
    on(MediationAgreementReached, (e) => this.mediation(e, { agreementOn: this.calendar.dayOf(e.occurredAt) })),
    on(CommitteeDecisionRecorded, (e) => this.mediation(e, { committeeDecision: e.payload.decision, committeeDecidedOn: e.payload.decidedOn })),
    on(MediationClosed, (e) => this.mediation(e, { outcome: e.payload.outcome, exclusion: e.payload.exclusion ?? undefined, closedOn: e.payload.closedOn })),
    on(TenancyAtRisk, (e) => this.risk(e, true)),
    on(TenancyRiskCleared, (e) => this.risk(e, false)),
  ];
}
