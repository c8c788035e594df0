import { ActorRef, ArrearsCleared, ArrearsStageReached, PaymentPlanBroken, RentArrearsChanged } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { firstMissedInstalment } from '../payment-plans/domain/payment-plan';
import { PaymentPlan } from '../payment-plans/domain/payment-plan.entity';
import { Tenancy } from '../tenancies/domain/tenancy.entity';
import { toTenancyEventRef } from '../tenancies/tenancy.view';
import { ArrearsPolicy, arrearsOn, LedgerCharge, monthlyAmountCents, stagesToAnnounce } from './domain/ledger';
import { LedgerEntry } from './domain/ledger-entry.entity';

/**
 * What settling a tenancy needs of its ledger: its charges (each net of its month's credits) and
 * the payments to allocate to them. The charges a reader already knows to be wholly paid (the
 * oldest) may be left out, with their amount taken off the payments: the result is the same.
 */
export interface LedgerReading {
  charges: LedgerCharge[];
  paymentsCents: number;
}

/** A payment plan in force, with what was paid and charged since it was agreed. */
export interface PlanReading {
  plan: Pick<PaymentPlan, 'id' | 'agreedOn' | 'instalments'>;
  paidSinceCents: number;
  chargedSinceCents: number;
}

/** What settling decided beyond the tenancy's own columns: a plan to close, a reminder to record, the events to save with the tenancy. */
export interface Settlement {
  planChange: { planId: string; status: 'broken'; brokenOn: string } | { planId: string; status: 'completed' } | null;
  reminderArrearsCents: number | null;
  events: (version: number) => NewEvent[];
}

export function ledgerReadingOf(entries: readonly Pick<LedgerEntry, 'kind' | 'bookedOn' | 'amountCents' | 'month'>[]): LedgerReading {
  // A credit reduces its month's charge.
  const credits = new Map<string, number>();
  for (const e of entries.filter((e) => e.kind === 'credit')) credits.set(e.month!, (credits.get(e.month!) ?? 0) + e.amountCents);
  return {
    charges: entries.filter((e) => e.kind === 'charge').map((e) => ({ dueOn: e.bookedOn, amountCents: e.amountCents - (credits.get(e.month!) ?? 0) })),
    paymentsCents: entries.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amountCents, 0),
  };
}

export function planReadingOf(plan: PaymentPlan, entries: readonly Pick<LedgerEntry, 'kind' | 'bookedOn' | 'amountCents'>[]): PlanReading {
  const since = entries.filter((e) => (e.kind === 'charge' ? e.bookedOn > plan.agreedOn : e.bookedOn >= plan.agreedOn));
  return {
    plan,
    paidSinceCents: since.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amountCents, 0),
    chargedSinceCents: since.reduce((sum, e) => sum + (e.kind === 'charge' ? e.amountCents : e.kind === 'credit' ? -e.amountCents : 0), 0),
  };
}

/**
 * Sets the tenancy's balance and arrears from its ledger and decides what the change calls for
 * (ageing bucket moved, ladder steps reached, arrears cleared, a plan broken or completed). Writes
 * nothing: one tenancy (TenancyRepository.settle) or thousands at once (settleTenancies) apply it.
 */
export function settleTenancy(tenancy: Tenancy, ledger: LedgerReading, planInForce: PlanReading | null, today: string, policy: ArrearsPolicy, actor: ActorRef): Settlement {
  const state = arrearsOn(ledger.charges, ledger.paymentsCents, today, monthlyAmountCents(tenancy), policy);
  const previousAgeing = tenancy.arrearsAgeing;
  let previousStage = tenancy.arrearsStage;
  tenancy.balanceCents = state.balanceCents;
  tenancy.arrearsAgeing = state.ageing;

  // A payment plan in force holds the ladder; a missed instalment breaks it and reopens the ladder.
  let planChange: Settlement['planChange'] = null;
  let broken: { planId: string; missedDueDate: string } | null = null;
  if (planInForce) {
    const { plan, paidSinceCents, chargedSinceCents } = planInForce;
    const missed = firstMissedInstalment(plan.instalments, paidSinceCents, chargedSinceCents, today);
    if (missed) {
      planChange = { planId: plan.id, status: 'broken', brokenOn: today };
      broken = { planId: plan.id, missedDueDate: missed.dueOn };
      previousStage = null;
    } else if (plan.instalments.every((i) => i.dueOn < today) || (state.arrearsCents === 0 && state.balanceCents <= 0)) {
      planChange = { planId: plan.id, status: 'completed' };
    }
  }
  const held = planInForce !== null && broken === null;
  const announce = held ? [] : stagesToAnnounce(previousStage, state.stage);
  if (broken) tenancy.arrearsStage = null;
  if (announce.length > 0) tenancy.arrearsStage = announce[announce.length - 1];
  if (state.arrearsCents === 0) tenancy.arrearsStage = null;
  // The claim engine's deadlines count from the day the arrears were established; a reminder sent is evidence of a claim.
  if (announce.includes('established')) tenancy.arrearsEstablishedOn = today;
  if (tenancy.arrearsStage === null) tenancy.arrearsEstablishedOn = null;
  const ref = toTenancyEventRef(tenancy);
  const cleared = tenancy.arrearsStage === null && previousStage !== null && state.arrearsCents === 0;
  const events = (version: number): NewEvent[] => [
    ...(broken
      ? [newEvent(PaymentPlanBroken, { aggregateId: tenancy.id, aggregateVersion: version, actor, payload: { ...ref, ...broken, arrearsCents: state.arrearsCents } })]
      : []),
    ...(cleared ? [newEvent(ArrearsCleared, { aggregateId: tenancy.id, aggregateVersion: version, actor, payload: { ...ref, clearedOn: today } })] : []),
    ...(previousAgeing !== state.ageing
      ? [
          newEvent(RentArrearsChanged, {
            aggregateId: tenancy.id,
            aggregateVersion: version,
            actor,
            payload: {
              ...ref,
              ageing: state.ageing,
              previousAgeing,
              arrearsCents: state.arrearsCents,
              monthsUnpaid: state.monthsUnpaid,
              atRisk: state.atRisk,
              changedOn: today,
            },
          }),
        ]
      : []),
    ...announce.map((stage) =>
      newEvent(ArrearsStageReached, {
        aggregateId: tenancy.id,
        aggregateVersion: version,
        actor,
        payload: { ...ref, stage, arrearsCents: state.arrearsCents, monthsUnpaid: state.monthsUnpaid, reachedOn: today },
      }),
    ),
  ];
  return { planChange, reminderArrearsCents: announce.includes('reminder') ? state.arrearsCents : null, events };
}
