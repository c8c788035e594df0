import { claimKindSchema } from '@hearth/contracts';
import { daysBetween } from '../calendar/calendar';
import { DayStats, dayStats, exactRate, Rate } from './stats';
import { Question, within } from './question';

/** One guarantee claim as known on asOf (IndicatorSource): a decision after asOf is not known yet, nor are later payments. */
export interface ClaimRow {
  claimId: string;
  kind: string;
  amountCents: number | null;
  openedOn: string | null;
  decision: string | null;
  approvedCents: number | null;
  decidedOn: string | null;
  /** Payments made on or before asOf, in any order. */
  payments: { paidOn: string; paidCents: number }[];
}

export const CLAIM_KINDS = claimKindSchema.options;

export interface GuaranteeClaims {
  /** Claims opened in the period and the amounts claimed. */
  opened: { claims: number; claimedCents: number };
  /** Claims decided in the period: by decision, the amounts claimed and approved. */
  decided: { claims: number; approved: number; partlyApproved: number; rejected: number; claimedCents: number; approvedCents: number; approvedShare: Rate };
  /** Payments made under the guarantee in the period. */
  paid: { payments: number; claims: number; paidCents: number };
  /** Days from opening to decision, of the claims decided in the period. */
  daysToDecision: DayStats;
  /** Days from opening to the first payment, of the claims first paid in the period. */
  daysToPayment: DayStats;
  /** On asOf: claims opened and not decided; claims approved (in full or part) and not paid in full, with what remains to pay. */
  outstanding: { awaitingDecision: number; awaitingDecisionCents: number; awaitingPayment: number; awaitingPaymentCents: number };
  byKind: { kind: string; opened: number; claimedCents: number; decided: number; approvedCents: number; paidCents: number }[];
}

const total = <T>(rows: readonly T[], of: (row: T) => number | null) => rows.reduce((sum, row) => sum + Number(of(row) ?? 0), 0);

/** Guarantee claims (docs/indicators.md#guarantee-claims): flows in the period, outstanding claims on asOf, amounts in integer cents. */
export function guaranteeClaims(question: Question, rows: readonly ClaimRow[]): GuaranteeClaims {
  const opened = rows.filter((c) => c.openedOn !== null && within(c.openedOn, question));
  const decided = rows.filter((c) => c.decidedOn !== null && within(c.decidedOn, question));
  const payments = rows.flatMap((c) => c.payments.filter((p) => within(p.paidOn, question)).map((p) => ({ ...p, claim: c })));
  const firstPaidOn = (c: ClaimRow) => (c.payments.length ? c.payments.map((p) => p.paidOn).sort()[0] : null);
  const firstPaid = rows.filter((c) => {
    const first = firstPaidOn(c);
    return first !== null && within(first, question) && c.openedOn !== null;
  });
  const known = rows.filter((c) => c.openedOn !== null);
  const awaitingDecision = known.filter((c) => c.decidedOn === null);
  const awaitingPayment = known
    .filter((c) => c.decidedOn !== null && c.decision !== 'rejected')
    .map((c) => ({ claim: c, remaining: Number(c.approvedCents ?? 0) - total(c.payments, (p) => p.paidCents) }))
    .filter((c) => c.remaining > 0);
  const decidedClaimed = total(decided, (c) => c.amountCents);
  const decidedApproved = total(decided, (c) => c.approvedCents);
  return {
    opened: { claims: opened.length, claimedCents: total(opened, (c) => c.amountCents) },
    decided: {
      claims: decided.length,
      approved: decided.filter((c) => c.decision === 'approved').length,
      partlyApproved: decided.filter((c) => c.decision === 'partly_approved').length,
      rejected: decided.filter((c) => c.decision === 'rejected').length,
      claimedCents: decidedClaimed,
      approvedCents: decidedApproved,
      approvedShare: exactRate(decidedApproved, decidedClaimed),
    },
    paid: { payments: payments.length, claims: new Set(payments.map((p) => p.claim.claimId)).size, paidCents: total(payments, (p) => p.paidCents) },
    daysToDecision: dayStats(decided.filter((c) => c.openedOn !== null).map((c) => daysBetween(c.openedOn!, c.decidedOn!))),
    daysToPayment: dayStats(firstPaid.map((c) => daysBetween(c.openedOn!, firstPaidOn(c)!))),
    outstanding: {
      awaitingDecision: awaitingDecision.length,
      awaitingDecisionCents: total(awaitingDecision, (c) => c.amountCents),
      awaitingPayment: awaitingPayment.length,
      awaitingPaymentCents: total(awaitingPayment, (c) => c.remaining),
    },
    byKind: CLAIM_KINDS.map((kind) => {
      const ofKind = <T extends { kind: string }>(list: readonly T[]) => list.filter((c) => c.kind === kind);
      return {
        kind,
        opened: ofKind(opened).length,
        claimedCents: total(ofKind(opened), (c) => c.amountCents),
        decided: ofKind(decided).length,
        approvedCents: total(ofKind(decided), (c) => c.approvedCents),
        paidCents: total(
          payments.filter((p) => p.claim.kind === kind),
          (p) => p.paidCents,
        ),
      };
    }),
  };
}
