import 'reflect-metadata';
import { EventOutbox } from '@hearth/messaging';
import { databaseUrl, ensureDatabase, UnitOfWork } from '@hearth/persistence';
import { dropDatabase, TEST_DATABASE_SERVER_URL, uniqueDatabaseName } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ArrearsNotice } from '../src/claims/domain/claim.entity';
import { LeasesClock } from '../src/clock';
import { RentIndexation } from '../src/indexation/domain/indexation.entity';
import { ChargeRentCommand, ChargeRentHandler } from '../src/ledger/commands/charge-rent/charge-rent.handler';
import { LedgerEntry } from '../src/ledger/domain/ledger-entry.entity';
import { TenancyBatch } from '../src/ledger/tenancy-batch';
import { leasesMigrations } from '../src/migrations';
import { PaymentPlan } from '../src/payment-plans/domain/payment-plan.entity';
import { Tenancy, TenancyHistoryEntry } from '../src/tenancies/domain/tenancy.entity';

/**
 * The set-wise monthly charge run on real PostgreSQL (the whole service's path, jobs included, is in
 * leases.test.ts): every chargeable tenancy charged once, the arrears settled as one at a time would,
 * one RentCharged per tenancy and month however often the run runs.
 */
describe('the monthly charge run, set-wise', () => {
  const database = uniqueDatabaseName('leases_charge_run');
  let dataSource: DataSource;
  let run: ChargeRentHandler;
  const ids = { paidUp: randomUUID(), owing: randomUUID(), ended: randomUUID(), draft: randomUUID(), movedIn: randomUUID() };

  beforeAll(async () => {
    await ensureDatabase(TEST_DATABASE_SERVER_URL, database);
    dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl(TEST_DATABASE_SERVER_URL, database),
      entities: [Tenancy, TenancyHistoryEntry, LedgerEntry, PaymentPlan, ArrearsNotice, RentIndexation],
      migrations: leasesMigrations,
    }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const tenancy = (id: string, status: string, rent: number, benefit: number, balance: number, ageing: string, stage: string | null, endedOn: string | null, startDate = '2026-10-01') =>
      dataSource.query(
        `INSERT INTO tenancies (id, version, unit_id, household_id, reference, landlord_id, status, legal_landlord, rent_cents, service_charges_cents, benefit_cents,
                                start_date, signed_on, activated_on, ended_on, end_reason, balance_cents, arrears_ageing, arrears_stage)
         VALUES ($1, 3, gen_random_uuid(), gen_random_uuid(), 'HX-TEST', gen_random_uuid(), $2, 'agency', $3, 5000, $4,
                 $9, '2026-09-20', CASE WHEN $2 = 'draft' THEN NULL ELSE $9::date END, $5, CASE WHEN $5::date IS NULL THEN NULL ELSE 'moved_out' END, $6, $7, $8)`,
        [id, status, rent, benefit, endedOn, balance, ageing, stage, startDate],
      );
    const october = (tenancyId: string, cents: number) =>
      dataSource.query(`INSERT INTO ledger_entries (id, tenancy_id, kind, month, amount_cents, booked_on, source, recorded_by) VALUES ($1, $2, 'charge', '2026-10', $3, '2026-10-01', NULL, 'system')`, [
        randomUUID(),
        tenancyId,
        cents,
      ]);
    // Paid up: October's 750.00 paid (100.00 by the benefit, 650.00 by the household).
    await tenancy(ids.paidUp, 'active', 70_000, 10_000, 0, 'none', null, null);
    await october(ids.paidUp, 75_000);
    await dataSource.query(
      `INSERT INTO ledger_entries (id, tenancy_id, kind, month, amount_cents, booked_on, source, recorded_by)
       VALUES ($1, $3, 'payment', '2026-10', 10000, '2026-10-01', 'benefit', 'system'), ($2, $3, 'payment', NULL, 65000, '2026-10-03', 'staff', 'staff-1')`,
      [randomUUID(), randomUUID(), ids.paidUp],
    );
    // Owing: October's 650.00 unpaid, a reminder already sent.
    await tenancy(ids.owing, 'active', 60_000, 0, 65_000, '31_60', 'reminder', null);
    await october(ids.owing, 65_000);
    // Ended on 20 October, and a draft: neither is charged for November.
    await tenancy(ids.ended, 'ended', 60_000, 0, 0, 'none', null, '2026-10-20');
    await tenancy(ids.draft, 'draft', 60_000, 0, 0, 'none', null, null);

    const clock = new LeasesClock('Europe/Brussels', '2026-11-20');
    run = new ChargeRentHandler(new UnitOfWork(dataSource), new TenancyBatch(new EventOutbox('leases'), { establishedMonths: 2, partialMonths: 1 }), clock);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(database);
  });

  interface Envelope {
    type: string;
    aggregateId: string;
    aggregateVersion: number;
    payload: Record<string, unknown>;
  }
  const outbox = async (): Promise<Envelope[]> => (await dataSource.query<{ envelope: Envelope }[]>(`SELECT envelope FROM outbox ORDER BY seq`)).map((row) => row.envelope);

  it('charges every chargeable tenancy once and settles its arrears as one at a time would', async () => {
    expect(await run.execute(new ChargeRentCommand('2026-11'))).toBe(2);

    const charges = await dataSource.query(`SELECT tenancy_id, amount_cents, booked_on::text FROM ledger_entries WHERE kind = 'charge' AND month = '2026-11' ORDER BY amount_cents`);
    expect(charges).toEqual([
      { tenancy_id: ids.owing, amount_cents: 65_000, booked_on: '2026-11-01' },
      { tenancy_id: ids.paidUp, amount_cents: 75_000, booked_on: '2026-11-01' },
    ]);
    const [benefit] = await dataSource.query(`SELECT amount_cents FROM ledger_entries WHERE tenancy_id = $1 AND source = 'benefit' AND month = '2026-11'`, [ids.paidUp]);
    expect(benefit.amount_cents).toBe(10_000);

    const tenancies = await dataSource.query(
      `SELECT id, version, balance_cents::int AS balance, arrears_ageing AS ageing, arrears_stage AS stage, arrears_established_on::text AS established FROM tenancies WHERE id = ANY($1) ORDER BY balance_cents`,
      [[ids.paidUp, ids.owing]],
    );
    expect(tenancies).toEqual([
      // 750.00 charged on 1 November, 100.00 of it paid by the benefit: 650.00 overdue for 19 days, partly paid → a reminder.
      { id: ids.paidUp, version: 4, balance: 65_000, ageing: '0_30', stage: 'reminder', established: null },
      // October and November wholly unpaid (two months): established today; the oldest is 50 days overdue.
      { id: ids.owing, version: 4, balance: 130_000, ageing: '31_60', stage: 'established', established: '2026-11-20' },
    ]);
    const reminders = await dataSource.query(`SELECT tenancy_id, arrears_cents, sent_on::text FROM arrears_notices`);
    expect(reminders).toEqual([{ tenancy_id: ids.paidUp, arrears_cents: 65_000, sent_on: '2026-11-20' }]);

    const events = await outbox();
    const of = (id: string) => events.filter((e) => e.aggregateId === id).map((e) => [e.type, e.aggregateVersion, e.payload.balanceCents ?? e.payload.stage ?? e.payload.ageing]);
    expect(of(ids.paidUp)).toEqual([
      ['RentCharged', 4, 75_000],
      ['PaymentRecorded', 4, 65_000],
      ['RentArrearsChanged', 4, '0_30'],
      ['ArrearsStageReached', 4, 'reminder'],
    ]);
    expect(of(ids.owing)).toEqual([
      ['RentCharged', 4, 130_000],
      ['ArrearsStageReached', 4, 'established'],
    ]);
    expect(events.filter((e) => e.aggregateId === ids.ended || e.aggregateId === ids.draft)).toEqual([]);
  });

  it('charges and announces nothing more when the month runs again, for all or for one tenancy', async () => {
    const before = (await outbox()).length;
    expect(await run.execute(new ChargeRentCommand('2026-11'))).toBe(0);
    expect(await run.execute(new ChargeRentCommand('2026-11', [ids.owing]))).toBe(0);
    const [{ charges }] = await dataSource.query(`SELECT count(*)::int AS charges FROM ledger_entries WHERE kind = 'charge' AND month = '2026-11'`);
    expect(charges).toBe(2);
    expect((await outbox()).length).toBe(before);
  });

  it('charges one tenancy alone when asked for it (a tenancy caught up on its own)', async () => {
    // Moved in on 10 November: 21 of 30 days, 650.00 × 21 / 30 = 455.00. Not charged by the run above (it did not exist yet).
    await dataSource.query(
      `INSERT INTO tenancies (id, version, unit_id, household_id, reference, landlord_id, status, legal_landlord, rent_cents, service_charges_cents,
                              start_date, signed_on, activated_on, balance_cents, arrears_ageing)
       VALUES ($1, 1, gen_random_uuid(), gen_random_uuid(), 'HX-TEST', gen_random_uuid(), 'active', 'agency', 60000, 5000, '2026-11-10', '2026-11-01', '2026-11-10', 0, 'none')`,
      [ids.movedIn],
    );
    expect(await run.execute(new ChargeRentCommand('2026-12', [ids.movedIn]))).toBe(0); // December is not due before 1 December.
    expect(await run.execute(new ChargeRentCommand('2026-11', [ids.movedIn]))).toBe(1);
    const charges = await dataSource.query(`SELECT tenancy_id, amount_cents, booked_on::text FROM ledger_entries WHERE kind = 'charge' AND month = '2026-11' AND tenancy_id <> ALL($1)`, [
      [ids.paidUp, ids.owing],
    ]);
    expect(charges).toEqual([{ tenancy_id: ids.movedIn, amount_cents: 45_500, booked_on: '2026-11-10' }]);
    expect((await outbox()).filter((e) => e.aggregateId === ids.movedIn && e.type === 'RentCharged').map((e) => e.payload.month)).toEqual(['2026-11']);
  });
});
