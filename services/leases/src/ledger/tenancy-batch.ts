import { ActorRef } from '@hearth/contracts';
import { EventOutbox, NewEvent } from '@hearth/messaging';
import { StaleAggregateError } from '@hearth/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PaymentPlan } from '../payment-plans/domain/payment-plan.entity';
import { Tenancy } from '../tenancies/domain/tenancy.entity';
import { ARREARS_POLICY } from '../tenancies/tenancy.repository';
import { ArrearsPolicy, monthlyAmountCents, openChargesCovering } from './domain/ledger';
import { LedgerEntry, PaymentSource } from './domain/ledger-entry.entity';
import { LedgerReading, ledgerReadingOf, planReadingOf, settleTenancy } from './settlement';

/** How many tenancies one transaction of a set-wise use case takes (the monthly charge run). */
export const TENANCY_BATCH_SIZE = 1_000;
/** Events per outbox INSERT (six parameters each; PostgreSQL takes 65,535). */
const EVENTS_PER_INSERT = 5_000;

export interface NewLedgerEntry {
  id: string;
  tenancyId: string;
  kind: 'charge' | 'payment';
  month: string | null;
  amountCents: number;
  bookedOn: string;
  source: PaymentSource | null;
  bankReference: string | null;
}

/**
 * The tenant ledger's writes for thousands of tenancies at once — book, settle, save — in a few
 * statements whatever their number (one query per tenancy made the monthly run and a bank import
 * take minutes). Same rules as one tenancy at a time: settleTenancy decides, the outbox gets the
 * same events. Callers hold the tenancies' rows locked.
 */
@Injectable()
export class TenancyBatch {
  constructor(
    private readonly outbox: EventOutbox,
    @Inject(ARREARS_POLICY) private readonly policy: ArrearsPolicy,
  ) {}

  /** Inserts ledger lines; with `onlyNew`, a line the ledger already has for its tenancy and month is skipped. Returns the ids inserted. */
  async book(manager: EntityManager, entries: readonly NewLedgerEntry[], recordedBy: string, { onlyNew = false } = {}): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let i = 0; i < entries.length; i += TENANCY_BATCH_SIZE) {
      const chunk = entries.slice(i, i + TENANCY_BATCH_SIZE);
      const column = <K extends keyof NewLedgerEntry>(key: K) => chunk.map((e) => e[key]);
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO ledger_entries (id, tenancy_id, kind, month, amount_cents, booked_on, source, bank_reference, recorded_by)
         SELECT e.*, $9 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::date[], $7::text[], $8::text[]) AS e
         ${onlyNew ? 'ON CONFLICT DO NOTHING' : ''} RETURNING id`,
        [column('id'), column('tenancyId'), column('kind'), column('month'), column('amountCents'), column('bookedOn'), column('source'), column('bankReference'), recordedBy],
      );
      for (const row of rows) inserted.add(row.id);
    }
    return inserted;
  }

  /**
   * Sets each tenancy's balance and arrears after a booking and records the reminders due, as
   * TenancyRepository.settle does for one. Each tenancy's `balanceCents` must already be what its
   * ledger sums to (the stored balance plus what the caller booked): payments settle the oldest
   * charges first, so what is still open is the newest charges that balance covers, and only
   * those are read. A tenancy with a payment plan, or whose newest charges do not cover its
   * balance, is read whole. Returns each tenancy's arrears events.
   */
  async settle(manager: EntityManager, tenancies: readonly Tenancy[], today: string, actor: ActorRef): Promise<Map<string, (version: number) => NewEvent[]>> {
    const ids = tenancies.map((t) => t.id);
    // `= ANY(array)`, one parameter, rather than IN with thousands of them (slower to bind and to plan).
    const plans = new Map(
      (ids.length
        ? await manager.createQueryBuilder(PaymentPlan, 'p').setLock('pessimistic_write').where(`p.tenancy_id = ANY(:ids) AND p.status = 'active'`, { ids }).orderBy('p.tenancy_id').getMany()
        : []
      ).map((p) => [p.tenancyId, p]),
    );
    const readings = await this.readOpenCharges(manager, tenancies.filter((t) => !plans.has(t.id)));
    const wholeLedgers = await this.readWholeLedgers(manager, ids.filter((id) => !readings.has(id)));

    const events = new Map<string, (version: number) => NewEvent[]>();
    const reminders: { tenancyId: string; arrearsCents: number }[] = [];
    for (const tenancy of tenancies) {
      const entries = wholeLedgers.get(tenancy.id) ?? [];
      const plan = plans.get(tenancy.id);
      const settlement = settleTenancy(tenancy, readings.get(tenancy.id) ?? ledgerReadingOf(entries), plan ? planReadingOf(plan, entries) : null, today, this.policy, actor);
      const { planChange } = settlement;
      if (planChange) await manager.update(PaymentPlan, { id: planChange.planId }, planChange.status === 'broken' ? { status: 'broken', brokenOn: planChange.brokenOn } : { status: 'completed' });
      if (settlement.reminderArrearsCents !== null) {
        reminders.push({ tenancyId: tenancy.id, arrearsCents: settlement.reminderArrearsCents });
      }
      events.set(tenancy.id, settlement.events);
    }
    if (reminders.length > 0) {
      await manager.query(
        `INSERT INTO arrears_notices (id, tenancy_id, kind, sent_on, pay_by, arrears_cents, late)
         SELECT r.id, r.tenancy_id, 'reminder', $4, NULL, r.arrears_cents, false FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS r(id, tenancy_id, arrears_cents)`,
        [reminders.map(() => randomUUID()), reminders.map((r) => r.tenancyId), reminders.map((r) => r.arrearsCents), today],
      );
    }
    return events;
  }

  /** Saves the tenancies' balance and arrears (each optimistically versioned, as AggregateStore.save) and their events in the outbox. */
  async save(manager: EntityManager, tenancies: readonly Tenancy[], eventsOf: (tenancy: Tenancy, version: number) => NewEvent[]): Promise<void> {
    if (tenancies.length === 0) return;
    const column = <T>(value: (t: Tenancy) => T) => tenancies.map(value);
    const [, updated] = await manager.query<[unknown[], number]>(
      `UPDATE tenancies t
          SET version = t.version + 1, balance_cents = u.balance_cents, arrears_ageing = u.arrears_ageing, arrears_stage = u.arrears_stage,
              arrears_established_on = u.arrears_established_on, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::date[]) AS u(id, version, balance_cents, arrears_ageing, arrears_stage, arrears_established_on)
        WHERE t.id = u.id AND t.version = u.version`,
      [
        column((t) => t.id),
        column((t) => t.version),
        column((t) => t.balanceCents),
        column((t) => t.arrearsAgeing),
        column((t) => t.arrearsStage),
        column((t) => t.arrearsEstablishedOn),
      ],
    );
    if (updated !== tenancies.length) throw new StaleAggregateError('Tenancy', tenancies.map((t) => t.id).join(', '));
    for (const tenancy of tenancies) tenancy.version += 1;
    const events = tenancies.flatMap((t) => eventsOf(t, t.version));
    for (let i = 0; i < events.length; i += EVENTS_PER_INSERT) await this.outbox.append(manager, events.slice(i, i + EVENTS_PER_INSERT));
  }

  /**
   * The open charges of tenancies that owe something, from their newest charges: a tenancy owing
   * n months' rent has at most n + 2 charges open unless some were smaller (a prorated month, a
   * lower rent before indexation) — then its reading is missing here and it is read whole.
   */
  private async readOpenCharges(manager: EntityManager, tenancies: readonly Tenancy[]): Promise<Map<string, LedgerReading>> {
    const readings = new Map<string, LedgerReading>();
    const owing = tenancies.filter((t) => t.balanceCents > 0 && monthlyAmountCents(t) > 0);
    for (const t of tenancies) if (t.balanceCents <= 0) readings.set(t.id, openChargesCovering([], t.balanceCents)!);
    if (owing.length === 0) return readings;
    const ids = owing.map((t) => t.id);
    const rows: { tenancy_id: string; month: string; booked_on: string; amount_cents: number }[] = await manager.query(
      `SELECT t.id AS tenancy_id, c.month, c.booked_on::text AS booked_on, c.amount_cents
         FROM unnest($1::uuid[], $2::int[]) AS t(id, take)
         CROSS JOIN LATERAL (
           SELECT e.month, e.booked_on, e.amount_cents FROM ledger_entries e
            WHERE e.tenancy_id = t.id AND e.kind = 'charge' AND e.month IS NOT NULL
            ORDER BY e.month DESC LIMIT t.take) c
        ORDER BY t.id, c.month DESC`,
      [ids, owing.map((t) => Math.floor(t.balanceCents / monthlyAmountCents(t)) + 2)],
    );
    // Credits are booked only when a tenancy ends (its final account).
    const ended = owing.filter((t) => t.status === 'ended').map((t) => t.id);
    const credits = new Map<string, number>();
    const creditRows: { tenancy_id: string; month: string; cents: number }[] = ended.length
      ? await manager.query(
          `SELECT tenancy_id, month, sum(amount_cents)::int AS cents FROM ledger_entries WHERE tenancy_id = ANY($1::uuid[]) AND kind = 'credit' AND month IS NOT NULL GROUP BY tenancy_id, month`,
          [ended],
        )
      : [];
    for (const row of creditRows) credits.set(`${row.tenancy_id}:${row.month}`, row.cents);
    const newest = groupBy(rows, (row) => row.tenancy_id);
    for (const t of owing) {
      const newestFirst = (newest.get(t.id) ?? []).map((row) => ({ dueOn: row.booked_on, amountCents: row.amount_cents - (credits.get(`${t.id}:${row.month}`) ?? 0) }));
      const reading = openChargesCovering(newestFirst, t.balanceCents);
      if (reading) readings.set(t.id, reading);
    }
    return readings;
  }

  private async readWholeLedgers(manager: EntityManager, ids: readonly string[]): Promise<Map<string, LedgerEntry[]>> {
    if (ids.length === 0) return new Map();
    const entries = await manager
      .createQueryBuilder(LedgerEntry, 'e')
      .select(['e.tenancyId', 'e.kind', 'e.bookedOn', 'e.amountCents', 'e.month'])
      .where('e.tenancy_id = ANY(:ids)', { ids })
      .getMany();
    return groupBy(entries, (e) => e.tenancyId);
  }
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
