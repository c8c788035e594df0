import { Actor, isStaff } from '@hearth/auth';
import { ActorRef, ArrearsCleared, ArrearsStageReached, PaymentPlanBroken, RentArrearsChanged } from '@hearth/contracts';
import { AggregateStore, newEvent, NewEvent } from '@hearth/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ArrearsNotice } from '../claims/domain/claim.entity';
import { ArrearsPolicy, arrearsOn, monthlyAmountCents, stagesToAnnounce } from '../ledger/domain/ledger';
import { LedgerEntry } from '../ledger/domain/ledger-entry.entity';
import { TenancyNotFoundError } from '../leases.errors';
import { firstMissedInstalment } from '../payment-plans/domain/payment-plan';
import { PaymentPlan } from '../payment-plans/domain/payment-plan.entity';
import { HistoryAction, Tenancy, TenancyHistoryEntry } from './domain/tenancy.entity';
import { toTenancyEventRef } from './tenancy.view';

export const ARREARS_POLICY = Symbol('ARREARS_POLICY');

@Injectable()
export class TenancyRepository {
  constructor(
    private readonly store: AggregateStore,
    @Inject(ARREARS_POLICY) private readonly policy: ArrearsPolicy,
  ) {}

  /** A tenancy for a change, row-locked. With an actor, only staff may change one; anyone else gets 404. */
  async getForUpdate(manager: EntityManager, id: string, actor?: Actor): Promise<Tenancy> {
    const tenancy = await manager.findOne(Tenancy, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tenancy || (actor && !isStaff(actor))) throw new TenancyNotFoundError(id);
    return tenancy;
  }

  save(manager: EntityManager, tenancy: Tenancy, events: (version: number) => NewEvent[]): Promise<Tenancy> {
    return this.store.save(manager, Tenancy, tenancy, events);
  }

  async recordHistory(manager: EntityManager, tenancyId: string, action: HistoryAction, actor: ActorRef, details: Record<string, unknown> = {}): Promise<void> {
    await manager.insert(TenancyHistoryEntry, { tenancyId, at: new Date(), action, actorId: actor.id, actorRole: actor.role, details: details as never });
  }

  /**
   * Re-reads the ledger, sets the tenancy's balance and arrears, and returns the events the change
   * calls for (ageing bucket moved, ladder steps reached, arrears cleared) — for the caller to save
   * with the tenancy.
   */
  async settle(manager: EntityManager, tenancy: Tenancy, today: string, actor: ActorRef): Promise<(version: number) => NewEvent[]> {
    const entries = await manager.find(LedgerEntry, { where: { tenancyId: tenancy.id }, select: { kind: true, bookedOn: true, amountCents: true, month: true } });
    // A credit reduces its month's charge.
    const credits = new Map<string, number>();
    for (const e of entries.filter((e) => e.kind === 'credit')) credits.set(e.month!, (credits.get(e.month!) ?? 0) + e.amountCents);
    const charges = entries
      .filter((e) => e.kind === 'charge')
      .map((e) => ({ dueOn: e.bookedOn, amountCents: e.amountCents - (credits.get(e.month!) ?? 0) }));
    const paid = entries.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amountCents, 0);
    const monthly = monthlyAmountCents(tenancy);
    const state = arrearsOn(charges, paid, today, monthly, this.policy);
    const previousAgeing = tenancy.arrearsAgeing;
    let previousStage = tenancy.arrearsStage;
    tenancy.balanceCents = state.balanceCents;
    tenancy.arrearsAgeing = state.ageing;

    // A payment plan in force holds the ladder; a missed instalment breaks it and reopens the ladder.
    const plan = await manager.findOne(PaymentPlan, { where: { tenancyId: tenancy.id, status: 'active' }, lock: { mode: 'pessimistic_write' } });
    let broken: { planId: string; missedDueDate: string } | null = null;
    if (plan) {
      const since = entries.filter((e) => (e.kind === 'charge' ? e.bookedOn > plan.agreedOn : e.bookedOn >= plan.agreedOn));
      const paidSince = since.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amountCents, 0);
      const chargedSince = since.reduce((sum, e) => sum + (e.kind === 'charge' ? e.amountCents : e.kind === 'credit' ? -e.amountCents : 0), 0);
      const missed = firstMissedInstalment(plan.instalments, paidSince, chargedSince, today);
      if (missed) {
        await manager.update(PaymentPlan, { id: plan.id }, { status: 'broken', brokenOn: today });
        broken = { planId: plan.id, missedDueDate: missed.dueOn };
        previousStage = null;
      } else if (plan.instalments.every((i) => i.dueOn < today) || state.arrearsCents === 0 && state.balanceCents <= 0) {
        await manager.update(PaymentPlan, { id: plan.id }, { status: 'completed' });
      }
    }
    const held = plan !== null && broken === null;
    const announce = held ? [] : stagesToAnnounce(previousStage, state.stage);
    if (broken) tenancy.arrearsStage = null;
    if (announce.length > 0) tenancy.arrearsStage = announce[announce.length - 1];
    if (state.arrearsCents === 0) tenancy.arrearsStage = null;
    // The claim engine's deadlines count from the day the arrears were established; a reminder sent is evidence of a claim.
    if (announce.includes('established')) tenancy.arrearsEstablishedOn = today;
    if (tenancy.arrearsStage === null) tenancy.arrearsEstablishedOn = null;
    if (announce.includes('reminder')) {
      await manager.insert(ArrearsNotice, { id: randomUUID(), tenancyId: tenancy.id, kind: 'reminder', sentOn: today, payBy: null, arrearsCents: state.arrearsCents, late: false });
    }
    const ref = toTenancyEventRef(tenancy);
    const cleared = tenancy.arrearsStage === null && previousStage !== null && state.arrearsCents === 0;
    return (version) => [
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
  }
}
