/**
 * npm run bench:leases (node -r ./tools/register.js services/leases/bench/leases.bench.ts) — 10,000 active tenancies with five years of history (60 monthly charges and
 * payments each, 1.2 million ledger lines) in a throw-away database built by the service's own
 * migrations, then, through the real use cases (outbox events included):
 * - the monthly charge run: the next month charged to every tenancy as the month's one job does
 *   (charge-rent:all:<month>: batches of 1,000, three side by side), then run again to show it
 *   books nothing twice, goal ≤ 5 s with every tenancy charged and announced once;
 * - importing a 10,000-line bank statement (CSV, one transfer per tenancy by its structured
 *   communication, plus unmatched lines), goal ≤ 5 s with every line matched or listed;
 * - a tenancy's ledger page, p99 over 300 requests, goal ≤ 50 ms;
 * - the arrears ageing report, goal ≤ 1 s.
 * BENCH_TENANCIES changes the size; BENCH_KEEP_DATABASE=1 keeps the database; BENCH_SLOW_MS=100
 * logs every statement slower than 100 ms (where the time goes).
 */
import 'reflect-metadata';
import { EventOutbox } from '@hearth/messaging';
import { databaseUrl, ensureDatabase, UnitOfWork } from '@hearth/persistence';
import { dropDatabase } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BankPayments } from '../src/bank-import/bank-payments';
import { ImportStatementCommand, ImportStatementHandler } from '../src/bank-import/commands/import-statement/import-statement.handler';
import { BankStatement, BankStatementLine } from '../src/bank-import/domain/bank-statement.entity';
import { structuredCommunication } from '../src/bank-import/domain/structured-communication';
import { ArrearsNotice, ClaimMonth, GuaranteeClaim, UnitInspection } from '../src/claims/domain/claim.entity';
import { LeasesClock } from '../src/clock';
import { IndexValue, RentIndexation } from '../src/indexation/domain/indexation.entity';
import { RenewalReminder } from '../src/renewals/renewal-reminder.entity';
import { KnownAgreement, KnownLandlord, KnownUnit } from '../src/directory/known-records.entity';
import { HeadLease, OwnerMonthRecord } from '../src/head-leases/domain/head-lease.entity';
import { ChargeRentCommand, ChargeRentHandler } from '../src/ledger/commands/charge-rent/charge-rent.handler';
import { LedgerEntry } from '../src/ledger/domain/ledger-entry.entity';
import { TenancyBatch } from '../src/ledger/tenancy-batch';
import { ArrearsAgeingHandler, ArrearsAgeingQuery } from '../src/ledger/queries/arrears-ageing/arrears-ageing.query';
import { TenancyLedgerHandler, TenancyLedgerQuery } from '../src/ledger/queries/tenancy-ledger/tenancy-ledger.query';
import { leasesMigrations } from '../src/migrations';
import { PaymentPlan } from '../src/payment-plans/domain/payment-plan.entity';
import { Tenancy, TenancyHistoryEntry } from '../src/tenancies/domain/tenancy.entity';

const TENANCIES = Number(process.env.BENCH_TENANCIES ?? 10_000);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const TODAY = '2026-11-20';
const MONTH = '2026-11';
const LEDGER_REQUESTS = 300;
const staffActor = { id: 'bench-staff', role: 'sra_staff' as const };

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const verdict = (what: string, measured: number, goal: number) => `target: ${what} ${ms(measured)} (goal ${ms(goal)}) — ${measured <= goal ? 'met' : 'NOT met'}`;

async function main(): Promise<void> {
  const database = `hearth_bench_leases_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(SERVER_URL, database);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl(SERVER_URL, database),
    entities: [KnownLandlord, KnownAgreement, KnownUnit, HeadLease, OwnerMonthRecord, Tenancy, TenancyHistoryEntry, LedgerEntry, BankStatement, BankStatementLine, PaymentPlan, GuaranteeClaim, ClaimMonth, ArrearsNotice, UnitInspection, IndexValue, RentIndexation, RenewalReminder],
    migrations: leasesMigrations,
    extra: { max: 5 },
    maxQueryExecutionTime: Number(process.env.BENCH_SLOW_MS ?? 1e9),
    logger: 'simple-console',
  }).initialize();
  const targets: string[] = [];
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    let t = performance.now();
    // Tenancies since 1 November 2021 at 650.00–849.99 rent + 50.00 charges, each month charged and
    // paid in full except one tenancy in ten that paid nothing for the last three months.
    await dataSource.query(
      `INSERT INTO tenancies (id, version, unit_id, household_id, reference, landlord_id, status, legal_landlord, rent_cents, service_charges_cents,
                              start_date, signed_on, activated_on, balance_cents, arrears_ageing)
       SELECT gen_random_uuid(), 1, gen_random_uuid(), gen_random_uuid(), 'HX-' || upper(translate(lpad(to_hex(i), 6, '2'), '01', 'yz')), gen_random_uuid(), 'active', 'agency',
              65000 + (i * 7919) % 20000, 5000, DATE '2021-11-01', DATE '2021-10-20', DATE '2021-11-01', 0, 'none'
         FROM generate_series(1, $1) AS i`,
      [TENANCIES],
    );
    await dataSource.query(
      `INSERT INTO ledger_entries (id, tenancy_id, kind, month, amount_cents, booked_on, source, recorded_by)
       SELECT gen_random_uuid(), t.id, 'charge', to_char(m, 'YYYY-MM'), t.rent_cents + t.service_charges_cents, m::date, NULL, 'system'
         FROM tenancies t CROSS JOIN generate_series(DATE '2021-11-01', DATE '2026-10-01', interval '1 month') AS m`,
    );
    await dataSource.query(
      `INSERT INTO ledger_entries (id, tenancy_id, kind, month, amount_cents, booked_on, source, recorded_by)
       SELECT gen_random_uuid(), t.id, 'payment', NULL, t.rent_cents + t.service_charges_cents, (m + interval '3 days')::date, 'bank_import', 'system'
         FROM tenancies t CROSS JOIN generate_series(DATE '2021-11-01', DATE '2026-10-01', interval '1 month') AS m
        WHERE t.payment_reference_base % 10 <> 0 OR m < DATE '2026-08-01'`,
    );
    await dataSource.query(
      `UPDATE tenancies t SET balance_cents = s.balance FROM (
         SELECT tenancy_id, sum(CASE WHEN kind = 'charge' THEN amount_cents ELSE -amount_cents END) AS balance FROM ledger_entries GROUP BY tenancy_id) s
        WHERE s.tenancy_id = t.id`,
    );
    await dataSource.query('ANALYZE');
    const [{ lines }] = await dataSource.query('SELECT count(*)::int AS lines FROM ledger_entries');
    console.log(`Loaded ${TENANCIES.toLocaleString('en')} tenancies, ${lines.toLocaleString('en')} ledger lines in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const unitOfWork = new UnitOfWork(dataSource);
    const clock = new LeasesClock('Europe/Brussels', TODAY);
    const batch = new TenancyBatch(new EventOutbox('leases'), { establishedMonths: 2, partialMonths: 1 });
    const ids: { id: string; base: string }[] = await dataSource.query('SELECT id, payment_reference_base::text AS base FROM tenancies ORDER BY id');

    // 1. The monthly charge run.
    const charger = new ChargeRentHandler(unitOfWork, batch, clock);
    t = performance.now();
    await charger.execute(new ChargeRentCommand(MONTH));
    const chargeMs = performance.now() - t;
    const [{ charged }] = await dataSource.query(`SELECT count(*)::int AS charged FROM ledger_entries WHERE kind = 'charge' AND month = $1`, [MONTH]);
    const [{ events }] = await dataSource.query(`SELECT count(*)::int AS events FROM outbox WHERE event_type = 'RentCharged'`);
    console.log(`Monthly charge run: ${charged.toLocaleString('en')} tenancies charged for ${MONTH}, ${events.toLocaleString('en')} RentCharged in the outbox, in ${ms(chargeMs)}`);
    // Run again (a retried or duplicated job): the unique index lets nothing through.
    const again = await charger.execute(new ChargeRentCommand(MONTH));
    if (again !== 0) throw new Error(`The second charge run of ${MONTH} charged ${again} tenancies again`);
    const allCharged = charged === TENANCIES && events === TENANCIES;
    targets.push(`${verdict(`monthly charge run of ${TENANCIES.toLocaleString('en')} tenancies`, chargeMs, 5_000).replace(/ — .*$/, '')} — ${chargeMs <= 5_000 && allCharged ? 'met' : 'NOT met'}`);

    // 2. A 10,000-line bank statement: one transfer per tenancy, and 1 % of lines without a usable reference.
    const csvLines = ['date;amount;reference'];
    for (const [i, { base }] of ids.entries()) {
      csvLines.push(i % 100 === 0 ? `05/11/2026;100,00;rent november` : `05/11/2026;700,00;${structuredCommunication(BigInt(base))}`);
    }
    const importer = new ImportStatementHandler(unitOfWork, new BankPayments(batch, clock));
    t = performance.now();
    const summary = await importer.execute(new ImportStatementCommand({ format: 'csv', fileName: 'bench.csv', content: csvLines.join('\n') }, staffActor));
    const importMs = performance.now() - t;
    console.log(
      `Bank statement import: ${summary.lines.toLocaleString('en')} lines, ${summary.matched.toLocaleString('en')} matched, ${summary.unmatched} listed unmatched, ${summary.ignored} ignored, in ${ms(importMs)}`,
    );
    const allAccounted = summary.matched + summary.unmatched + summary.ignored === summary.lines && summary.lines === ids.length;
    targets.push(`${verdict(`import of a ${TENANCIES.toLocaleString('en')}-line bank statement`, importMs, 5_000).replace(/ — .*$/, '')} — ${importMs <= 5_000 && allAccounted ? 'met' : 'NOT met'}`);

    // 3. Ledger pages (60+ lines each).
    const ledgerHandler = new TenancyLedgerHandler(dataSource);
    for (let i = 0; i < 20; i += 1) await ledgerHandler.execute(new TenancyLedgerQuery(ids[i].id, staffActor));
    const times: number[] = [];
    for (let i = 0; i < LEDGER_REQUESTS; i += 1) {
      const { id } = ids[(i * 7919) % ids.length];
      t = performance.now();
      await ledgerHandler.execute(new TenancyLedgerQuery(id, staffActor));
      times.push(performance.now() - t);
    }
    console.log(`Ledger page: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))} over ${LEDGER_REQUESTS} requests`);
    targets.push(verdict('tenancy ledger page p99', percentile(times, 99), 50));

    // 4. The arrears ageing report.
    const report = new ArrearsAgeingHandler(dataSource);
    await report.execute();
    t = performance.now();
    const ageing = await report.execute();
    const reportMs = performance.now() - t;
    console.log(`Arrears ageing report in ${ms(reportMs)}: ${ageing.buckets.map((b) => `${b.ageing} ${b.tenancies}`).join(', ')}`);
    targets.push(verdict('arrears ageing report', reportMs, 1_000));
  } finally {
    await dataSource.destroy();
    if (process.env.BENCH_KEEP_DATABASE !== '1') await dropDatabase(database, SERVER_URL);
  }
  for (const line of targets) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
