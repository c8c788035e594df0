import { Actor, isStaff } from '@hearth/auth';
import { ActorRef } from '@hearth/contracts';
import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ArrearsNotice } from '../claims/domain/claim.entity';
import { ArrearsPolicy } from '../ledger/domain/ledger';
import { LedgerEntry } from '../ledger/domain/ledger-entry.entity';
import { ledgerReadingOf, planReadingOf, settleTenancy } from '../ledger/settlement';
import { TenancyNotFoundError } from '../leases.errors';
import { PaymentPlan } from '../payment-plans/domain/payment-plan.entity';
import { HistoryAction, Tenancy, TenancyHistoryEntry } from './domain/tenancy.entity';

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
   * with the tenancy. Thousands at once: TenancyBatch (ledger/tenancy-batch.ts).
   */
  async settle(manager: EntityManager, tenancy: Tenancy, today: string, actor: ActorRef): Promise<(version: number) => NewEvent[]> {
    const entries = await manager.find(LedgerEntry, { where: { tenancyId: tenancy.id }, select: { kind: true, bookedOn: true, amountCents: true, month: true } });
    const plan = await manager.findOne(PaymentPlan, { where: { tenancyId: tenancy.id, status: 'active' }, lock: { mode: 'pessimistic_write' } });
    const settlement = settleTenancy(tenancy, ledgerReadingOf(entries), plan && planReadingOf(plan, entries), today, this.policy, actor);
    const { planChange } = settlement;
    if (planChange) await manager.update(PaymentPlan, { id: planChange.planId }, planChange.status === 'broken' ? { status: 'broken', brokenOn: planChange.brokenOn } : { status: 'completed' });
    if (settlement.reminderArrearsCents !== null) {
      await manager.insert(ArrearsNotice, { id: randomUUID(), tenancyId: tenancy.id, kind: 'reminder', sentOn: today, payBy: null, arrearsCents: settlement.reminderArrearsCents, late: false });
    }
    return settlement.events;
  }
}
