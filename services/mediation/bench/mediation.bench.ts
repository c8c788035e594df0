/**
 * bench:mediation (node -r ./tools/register.js services/mediation/bench/mediation.bench.ts) —
 * 100,000 complaints (open and closed) over 10,000 tenancies in a throw-away database built by the
 * service's own migrations, then, through the real code:
 *  - the deadline sweep: every pending acknowledgement and answer read from the database; those
 *    whose day is over flagged overdue set-wise, the others queued on BullMQ in Redis unless their
 *    job is there (first run: nothing flagged nor queued yet; second run: the steady state), and
 *    the daily digest of overdue and stalled cases per owner;
 *  - a staff member's complaint list with deadline states (varied filters and offsets), p50/p99;
 *  - an arrears event (ArrearsStageReached) applied and every affected tenancy's risk recomputed,
 *    per event.
 */
import 'reflect-metadata';
import { AggregateStore, EventOutbox } from '@hearth/messaging';
import { databaseUrl, ensureDatabase, UnitOfWork } from '@hearth/persistence';
import { dropDatabase } from '@hearth/testing';
import { Queue } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays } from '../src/calendar/working-days';
import { ListComplaintsHandler, ListComplaintsQuery } from '../src/complaints/queries/list-complaints/list-complaints.query';
import { mediationConfigSchema, MediationRules } from '../src/config';
import { DeadlineScheduler } from '../src/deadlines/deadline.scheduler';
import { GenerateDigestHandler } from '../src/digest/digest';
import { RecordTenancyCommand, RecordTenancyHandler } from '../src/directory/record-tenancy.handler';
import { MEDIATION_ENTITIES } from '../src/mediation.module';
import { mediationMigrations } from '../src/migrations';
import { RecomputeRiskCommand } from '../src/risk/recompute-risk.command';
import { RecomputeRiskHandler } from '../src/risk/recompute-risk.handler';

const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
const TENANCIES = Number(process.env.BENCH_TENANCIES ?? 10_000);
const LIST_REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 400);
const RISK_EVENTS = Number(process.env.BENCH_RISK_EVENTS ?? 500);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HANDLERS = Array.from({ length: 40 }, (_, i) => `staff-${i + 1}`);

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same data. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20_261_130);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function summary(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${label}: n=${times.length}, p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function insertRows(dataSource: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 2_000) {
    const chunk = rows.slice(start, start + 2_000);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(', ')})`);
    await dataSource.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

async function main(): Promise<void> {
  const config = mediationConfigSchema.parse({
    DATABASE_URL: SERVER_URL,
    KAFKA_BROKERS: '127.0.0.1:9092',
    AUTH_ISSUER: 'http://hearth.bench',
    MEDIATION_DATA_KEY: randomBytes(32).toString('base64'),
  });
  const rules = MediationRules.fromConfig(config);
  const database = `bench_mediation_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(SERVER_URL, database);
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl(SERVER_URL, database), entities: MEDIATION_ENTITIES, migrations: mediationMigrations, extra: { max: 10 } }).initialize();
  const prefix = `bench-mediation-${randomBytes(4).toString('hex')}`;
  const url = new URL(REDIS_URL);
  const queue = new Queue('mediation.deadlines', { prefix, connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null } });
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    // Connected (and its scripts loaded) before anything is timed, as the service's queue is long
    // before its daily sweep: the first sweep measures queuing, not connecting to Redis.
    await queue.waitUntilReady();
    console.log(`Mediation benchmark: ${COMPLAINTS.toLocaleString('en')} complaints over ${TENANCIES.toLocaleString('en')} tenancies in ${database}`);
    const today = rules.today();
    let t = performance.now();

    const tenancies = Array.from({ length: TENANCIES }, (_, i) => ({ tenancyId: randomUUID(), unitId: randomUUID(), householdId: randomUUID(), reference: `HX-${String(i).padStart(6, '2').replace(/[01]/g, '3')}`, landlordId: randomUUID() }));
    await insertRows(
      dataSource,
      'known_households',
      ['household_id', 'reference', 'caseworker_id', 'household_version'],
      tenancies.map((x, i) => [x.householdId, x.reference, `caseworker-${i % 100}`, 1]),
    );
    await insertRows(
      dataSource,
      'known_tenancies',
      ['tenancy_id', 'unit_id', 'household_id', 'reference', 'landlord_id', 'started_on', 'status', 'tenancy_version'],
      tenancies.map((x) => [x.tenancyId, x.unitId, x.householdId, x.reference, x.landlordId, addDays(today, -int(30, 900)), 'active', 1]),
    );
    const complaints: unknown[][] = [];
    const stages: unknown[][] = [];
    for (let i = 0; i < COMPLAINTS; i += 1) {
      const tenancy = tenancies[i % TENANCIES];
      const id = randomUUID();
      const receivedOn = addDays(today, -int(0, 540));
      const closed = rnd() < 0.7;
      const acknowledged = closed || rnd() < 0.5;
      const status = closed ? 'answered' : acknowledged ? 'awaiting_answer' : 'awaiting_acknowledgement';
      const handler = pick(HANDLERS);
      const receivedAt = new Date(`${receivedOn}T10:00:00Z`);
      complaints.push([id, 1, tenancy.unitId, tenancy.tenancyId, tenancy.householdId, tenancy.landlordId, pick(['noise', 'hygiene', 'damage', 'neighbour_conflict', 'safety']), pick(['low', 'medium', 'high', 'severe']), 'phone', 'neighbour', null, 'household', tenancy.householdId, 'f1.x', handler, 'sra_staff', receivedAt, receivedOn, 1, status, handler, receivedAt]);
      const acknowledgeBy = rules.calendar.addWorkingDays(receivedOn, 5);
      const acknowledgedOn = acknowledged ? rules.calendar.addWorkingDays(receivedOn, int(1, 6)) : null;
      const answerBy = acknowledgedOn ? rules.calendar.addWorkingDays(acknowledgedOn, 10) : null;
      complaints.at(-1)!.push(closed ? null : acknowledged ? answerBy : acknowledgeBy);
      stages.push([id, 1, handler, receivedOn, acknowledgeBy, acknowledgedOn, answerBy, 0, closed ? answerBy : null, closed ? rnd() < 0.5 : null]);
    }
    await insertRows(
      dataSource,
      'complaints',
      ['id', 'version', 'unit_id', 'tenancy_id', 'household_id', 'landlord_id', 'category', 'intensity', 'channel', 'complainant_kind', 'complainant_ref', 'respondent_kind', 'respondent_ref', 'description_encrypted', 'filed_by', 'filed_by_role', 'received_at', 'received_on', 'stage', 'status', 'handler_id', 'last_activity_at', 'due_on'],
      complaints,
    );
    await insertRows(dataSource, 'complaint_stages', ['complaint_id', 'stage', 'handler_id', 'started_on', 'acknowledge_by', 'acknowledged_on', 'answer_by', 'extension_days', 'answered_on', 'upheld'], stages);
    await dataSource.query('VACUUM ANALYZE');
    const [{ open }] = await dataSource.query<{ open: number }[]>(`SELECT count(*)::int AS open FROM complaints WHERE status <> 'answered'`);
    console.log(`  loaded in ${((performance.now() - t) / 1000).toFixed(1)} s; ${open.toLocaleString('en')} complaints open (awaiting acknowledgement or answer)`);

    // 1. The deadline sweep (database → Redis) and the daily digest.
    const scheduler = new DeadlineScheduler(rules, queue, dataSource);
    t = performance.now();
    const first = await scheduler.sweepDeadlines();
    const firstSweepMs = performance.now() - t;
    t = performance.now();
    const steady = await scheduler.sweepDeadlines();
    const steadySweepMs = performance.now() - t;
    const digest = new GenerateDigestHandler(new UnitOfWork(dataSource), rules);
    t = performance.now();
    const digestResult = await digest.execute();
    const digestMs = performance.now() - t;
    console.log('\nDeadline sweep and daily digest:');
    console.log(
      `  first sweep: ${first.flaggedOverdue.toLocaleString('en')} deadlines past their day flagged overdue, ${first.queued.toLocaleString('en')} of ${first.pending.toLocaleString('en')} running ones queued, in ${firstSweepMs.toFixed(0)} ms`,
    );
    console.log(
      `  steady-state sweep: ${steady.flaggedOverdue.toLocaleString('en')} flagged, ${steady.queued.toLocaleString('en')} queued, ${(steady.pending - steady.queued).toLocaleString('en')} of ${steady.pending.toLocaleString('en')} running ones found in Redis already, in ${steadySweepMs.toFixed(0)} ms`,
    );
    console.log(`  digest: ${digestResult.items.toLocaleString('en')} overdue or stalled items for ${digestResult.owners} owners in ${digestMs.toFixed(0)} ms`);

    // 2. A staff member's case list with deadline states.
    const list = new ListComplaintsHandler(dataSource, rules);
    const staff = { id: 'bench-staff', role: 'sra_staff' as const };
    const filter = () => {
      const kind = int(0, 4);
      return {
        limit: 20,
        offset: pick([0, 0, 0, 20, 40, 200, 2_000]),
        ...(kind === 1 && { status: 'awaiting_answer' as const }),
        ...(kind === 2 && { handlerId: pick(HANDLERS) }),
        ...(kind === 3 && { overdue: true }),
        ...(kind === 4 && { tenancyId: pick(tenancies).tenancyId }),
      };
    };
    for (let i = 0; i < 30; i += 1) await list.execute(new ListComplaintsQuery(filter(), staff));
    const listTimes: number[] = [];
    for (let i = 0; i < LIST_REQUESTS; i += 1) {
      const start = performance.now();
      await list.execute(new ListComplaintsQuery(filter(), staff));
      listTimes.push(performance.now() - start);
    }
    console.log('\nStaff complaint list with deadline states (page of 20 + total, varied filters and offsets):');
    console.log(`  ${summary('GET /complaints', listTimes)}`);

    // 3. Arrears events: the tenancy's arrears recorded and its risk recomputed, per event.
    const unitOfWork = new UnitOfWork(dataSource);
    const recordTenancy = new RecordTenancyHandler(unitOfWork);
    const recompute = new RecomputeRiskHandler(unitOfWork, new AggregateStore(new EventOutbox('mediation')), rules);
    const riskTimes: number[] = [];
    let atRisk = 0;
    for (let i = 0; i < RISK_EVENTS; i += 1) {
      const tenancy = tenancies[(i * 7919) % TENANCIES];
      const start = performance.now();
      await unitOfWork.run(async () => {
        await recordTenancy.execute(new RecordTenancyCommand(tenancy.tenancyId, 100 + i, { kind: 'arrears', established: true }));
        if ((await recompute.execute(new RecomputeRiskCommand(tenancy.tenancyId))) === 'at_risk') atRisk += 1;
      });
      riskTimes.push(performance.now() - start);
    }
    console.log('\nArrears event applied and the tenancy’s risk recomputed (one transaction per event, as the consumer does):');
    console.log(`  ${summary('per event', riskTimes)}; ${atRisk} tenancies crossed the threshold (TenancyAtRisk in the outbox)`);

    const sweepTarget = firstSweepMs;
    const listP99 = percentile([...listTimes].sort((a, b) => a - b), 0.99);
    const riskP99 = percentile([...riskTimes].sort((a, b) => a - b), 0.99);
    console.log('');
    console.log(`target: daily deadline sweep ${(sweepTarget / 1000).toFixed(2)} s (goal 2 s) — ${sweepTarget <= 2_000 ? 'met' : 'NOT met'}`);
    console.log(`target: staff case list p99 ${listP99.toFixed(1)} ms (goal 50 ms) — ${listP99 <= 50 ? 'met' : 'NOT met'}`);
    console.log(`target: risk recompute per arrears event p99 ${riskP99.toFixed(1)} ms (goal 20 ms) — ${riskP99 <= 20 ? 'met' : 'NOT met'}`);
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await dataSource.destroy();
    if (process.env.BENCH_KEEP_DATABASE) console.log(`\nKept ${database} (BENCH_KEEP_DATABASE)`);
    else await dropDatabase(database, SERVER_URL);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
