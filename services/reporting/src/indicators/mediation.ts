import { complaintCategorySchema, mediationOutcomeSchema } from '@hearth/contracts';
import { Rate, rate } from './stats';
import { Question, within } from './question';
import { PLANNED_MOVES } from './tenancies';

export interface ComplaintRow {
  complaintId: string;
  district: string | null;
  category: string | null;
  receivedOn: string | null;
  acknowledgeBy: string | null;
  acknowledgedOn: string | null;
  answerDueBy: string | null;
  answeredOn: string | null;
  answeredLate: boolean | null;
  upheld: boolean | null;
  stage2RequestedOn: string | null;
  stage2AnswerDueBy: string | null;
  stage2AnsweredOn: string | null;
  stage2AnsweredLate: boolean | null;
  stage2Upheld: boolean | null;
  toMediationOn: string | null;
}

export interface MediationRow {
  mediationId: string;
  district: string | null;
  agreementOn: string | null;
  outcome: string | null;
  exclusion: string | null;
  closedOn: string | null;
}

/** A tenancy's risk signal: the first day it was flagged at risk, whether it still is on asOf, how the tenancy ended. */
export interface RiskRow {
  tenancyId: string;
  district: string | null;
  firstAtRiskOn: string;
  atRiskOnAsOf: boolean;
  endedOn: string | null;
  endReason: string | null;
}

export interface StageFigures {
  /** Complaints that reached the stage (received; stage 2 requested) by asOf. */
  entered: number;
  answered: number;
  answeredInTime: number;
  answeredLate: number;
  upheld: number;
  /** Not answered by asOf; of those, past the due day set at acknowledgement. */
  awaitingAnswer: number;
  overdue: number;
  /** Answered in time ÷ (answered + overdue): the share handled on time of those due. */
  handledInTime: Rate;
}

export interface Mediation {
  complaints: {
    received: number;
    byCategory: { category: string; count: number }[];
    /** Acknowledged on or before the acknowledgement's due day ÷ those acknowledged or past it by asOf. */
    acknowledgedInTime: Rate;
    stage1: StageFigures;
    stage2: StageFigures;
    toMediation: number;
  };
  mediations: {
    closed: number;
    byOutcome: { outcome: string; count: number }[];
    excluded: number;
    agreementsReached: number;
  };
  tenanciesAtRisk: {
    /** Tenancies first flagged at risk in the period. */
    flagged: number;
    /** Of those, no longer at risk on asOf. */
    cleared: number;
    /** Of those, still housed on asOf: not ended, or ended in a planned move. */
    kept: Rate;
  };
}

const by = (day: string | null, asOf: string) => day !== null && day <= asOf;

function stage(asOf: string, entries: { entered: string | null; dueBy: string | null; answeredOn: string | null; late: boolean | null; upheld: boolean | null }[]): StageFigures {
  const entered = entries.filter((e) => by(e.entered, asOf));
  const answered = entered.filter((e) => by(e.answeredOn, asOf));
  const waiting = entered.filter((e) => !by(e.answeredOn, asOf));
  const overdue = waiting.filter((e) => e.dueBy !== null && e.dueBy < asOf);
  const inTime = answered.filter((e) => e.late === false).length;
  return {
    entered: entered.length,
    answered: answered.length,
    answeredInTime: inTime,
    answeredLate: answered.filter((e) => e.late === true).length,
    upheld: answered.filter((e) => e.upheld === true).length,
    awaitingAnswer: waiting.length,
    overdue: overdue.length,
    handledInTime: rate(inTime, answered.length + overdue.length),
  };
}

/**
 * Complaints and mediation (docs/indicators.md#mediation): complaints received in the period by
 * category and how each stage was handled by asOf; mediation cases closed in the period by outcome;
 * tenancies first flagged at risk in the period and how many were kept.
 */
export function mediation(question: Question, complaints: readonly ComplaintRow[], mediations: readonly MediationRow[], risks: readonly RiskRow[]): Mediation {
  const inDistrict = (row: { district: string | null }) => !question.district || row.district === question.district;
  const { asOf } = question;
  const received = complaints.filter((c) => by(c.receivedOn, asOf) && within(c.receivedOn!, question) && inDistrict(c));
  const ackDue = received.filter((c) => by(c.acknowledgedOn, asOf) || (c.acknowledgeBy !== null && c.acknowledgeBy < asOf));
  const closed = mediations.filter((m) => by(m.closedOn, asOf) && within(m.closedOn!, question) && inDistrict(m));
  const flagged = risks.filter((r) => r.firstAtRiskOn <= asOf && within(r.firstAtRiskOn, question) && inDistrict(r));
  const kept = flagged.filter((r) => !by(r.endedOn, asOf) || PLANNED_MOVES.includes(r.endReason ?? ''));
  return {
    complaints: {
      received: received.length,
      byCategory: complaintCategorySchema.options.map((category) => ({ category, count: received.filter((c) => c.category === category).length })),
      acknowledgedInTime: rate(ackDue.filter((c) => by(c.acknowledgedOn, asOf) && c.acknowledgeBy !== null && c.acknowledgedOn! <= c.acknowledgeBy).length, ackDue.length),
      stage1: stage(
        asOf,
        received.map((c) => ({ entered: c.receivedOn, dueBy: c.answerDueBy, answeredOn: c.answeredOn, late: c.answeredLate, upheld: c.upheld })),
      ),
      stage2: stage(
        asOf,
        received.map((c) => ({ entered: c.stage2RequestedOn, dueBy: c.stage2AnswerDueBy, answeredOn: c.stage2AnsweredOn, late: c.stage2AnsweredLate, upheld: c.stage2Upheld })),
      ),
      toMediation: received.filter((c) => by(c.toMediationOn, asOf)).length,
    },
    mediations: {
      closed: closed.length,
      byOutcome: mediationOutcomeSchema.options.map((outcome) => ({ outcome, count: closed.filter((m) => m.outcome === outcome).length })),
      excluded: closed.filter((m) => m.exclusion !== null).length,
      agreementsReached: mediations.filter((m) => by(m.agreementOn, asOf) && within(m.agreementOn!, question) && inDistrict(m)).length,
    },
    tenanciesAtRisk: {
      flagged: flagged.length,
      cleared: flagged.filter((r) => !r.atRiskOnAsOf).length,
      kept: rate(kept.length, flagged.length),
    },
  };
}
