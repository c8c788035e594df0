/**
 * npm run bench:matching-service — the matching service in-process on its own Kafka test broker,
 * PostgreSQL and Redis, with 100,000 waitlisted households in its read model (bulk-inserted into
 * a throw-away database migrated with the service's migrations; seeded synthetic data from the
 * engine's generator):
 *   1. UnitBecameAvailable published on hearth.units → shortlist stored (committed and visible),
 *      one unit at a time, then a burst of units published at once;
 *   2. an optimal (and a priority) allocation run over 1,000 units, through the HTTP API and the
 *      BullMQ job, with the run's own phase timings (snapshot load, solve, store).
 *   3. during the optimal run, /health and an HTTP read sent back to back: the solve runs in a
 *      worker thread, so the service keeps answering.
 * Prints measured figures and ends with its target lines.
 */
import { Topics } from '@hearth/contracts';
import {
  anEnvelope,
  bearer,
  clearRedisPrefix,
  KafkaTestBroker,
  queryDatabase,
  startTestApp,
  TEST_DATABASE_SERVER_URL,
  TEST_AUTH_ENV,
  TestApp,
  uniqueDatabaseName,
  withDatabase,
} from '@hearth/testing';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadMatchingConfig } from '../src/config';
import { MatchingModule } from '../src/matching.module';
import { SyntheticHousehold, syntheticPool, SyntheticUnit } from './synthetic-pool';

const { values: args } = parseArgs({
  options: {
    households: { type: 'string', default: '100000' },
    sequential: { type: 'string', default: '80' },
    burst: { type: 'string', default: '100' },
    'run-units': { type: 'string', default: '1000' },
  },
});
const HOUSEHOLDS = Number(args.households);
const SEQUENTIAL = Number(args.sequential);
const BURST = Number(args.burst);
const RUN_UNITS = Number(args['run-units']);
const staff = bearer('sra_staff');

async function main(): Promise<void> {
  const broker = await KafkaTestBroker.start();
  const database = uniqueDatabaseName('bench_matching');
  const prefix = `bench:matching:${randomUUID().slice(0, 8)}`;
  const config = loadMatchingConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: TEST_DATABASE_SERVER_URL,
    DATABASE_NAME: database,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_IDEMPOTENT: 'false',
    KAFKA_CONSUMER_GROUP: `bench-matching-${randomUUID().slice(0, 8)}`,
    BULLMQ_PREFIX: prefix,
    ...TEST_AUTH_ENV,
    LOG_LEVEL: 'error',
  });
  process.env.LOG_LEVEL = 'error';
  let service: TestApp | undefined;
  let poller: Client | undefined;
  const producer = await connectProducer(broker.brokers);
  try {
    // The stock: units for the latency phases, then the units of the allocation runs.
    const generated = syntheticPool(HOUSEHOLDS, SEQUENTIAL + BURST + RUN_UNITS + 1, 20_261_122);
    service = await startTestApp(MatchingModule.forRoot(config), database);
    const [{ server_version: version }] = await queryDatabase<{ server_version: string }>(database, 'SHOW server_version');
    console.log(`Hearth matching service benchmark — PostgreSQL ${version}, librdkafka mock cluster (3 brokers), Redis, Node ${process.version}`);

    let started = performance.now();
    await insertHouseholds(database, generated.households);
    console.log(`read model: ${HOUSEHOLDS.toLocaleString('en')} waitlisted households bulk-inserted in ${fmt(performance.now() - started)} ms (seeded synthetic data, ${generated.districts.length} districts)`);

    const units = generated.units.map((unit, i) => ({ ...unit, id: `u${i + 1}`, unitId: randomUUID() }));
    poller = new Client({ connectionString: withDatabase(TEST_DATABASE_SERVER_URL, database) });
    await poller.connect();
    const warmUp = units.shift()!;
    await publishAvailable(producer, warmUp);
    await waitForShortlists(poller, [warmUp.unitId], 60_000);

    // 1a. One unit at a time: the latency of the path with nothing else going on.
    const sequential = units.splice(0, SEQUENTIAL);
    const latencies: number[] = [];
    const sentAtEpoch = new Map<string, number>();
    const seenAtEpoch = new Map<string, number>();
    for (const unit of sequential) {
      const sent = performance.now();
      sentAtEpoch.set(unit.unitId, Date.now());
      await publishAvailable(producer, unit);
      seenAtEpoch.set(unit.unitId, (await waitForShortlists(poller, [unit.unitId], 30_000, 2)).get(unit.unitId)!);
      latencies.push(performance.now() - sent);
    }
    const phases = await phaseStats(database, sentAtEpoch, seenAtEpoch);
    const candidates = await candidateStats(database, sequential.map((u) => u.unitId));
    console.log('');
    console.log(`UnitBecameAvailable on hearth.units → shortlist (k = ${config.SHORTLIST_SIZE}) stored, ${SEQUENTIAL} units one after another:`);
    console.log(`  p50 ${fmt(percentile(latencies, 50), 1)} ms   p99 ${fmt(percentile(latencies, 99), 1)} ms   max ${fmt(Math.max(...latencies), 1)} ms`);
    console.log(
      `  of which (p50): published → consumed into the unit pool ${fmt(phases.consumed, 1)} ms, → shortlist computed by the job ${fmt(phases.computed, 1)} ms, → committed and seen ${fmt(phases.stored, 1)} ms`,
    );
    console.log(`  households passing the hard rules per unit: median ${fmt(candidates.median)}, max ${fmt(candidates.max)} (PostgreSQL hands the engine only those that can reach the top k)`);

    // 1b. A burst: many units published at once (a landlord's building, a batch of inspections).
    const burst = units.splice(0, BURST);
    const burstSent = performance.now();
    const sentAt = new Map<string, number>();
    for (const unit of burst) {
      sentAt.set(unit.unitId, Date.now());
      await publishAvailable(producer, unit);
    }
    const storedAt = await waitForShortlists(poller, burst.map((u) => u.unitId), 120_000);
    const burstLatencies = burst.map((u) => storedAt.get(u.unitId)! - sentAt.get(u.unitId)!);
    const burstMs = performance.now() - burstSent;
    console.log(`  burst of ${BURST} units published at once: p50 ${fmt(percentile(burstLatencies, 50), 1)} ms   p99 ${fmt(percentile(burstLatencies, 99), 1)} ms   all stored after ${fmt(burstMs)} ms`);

    // 2. Allocation runs over 1,000 units (inserted straight into the read model).
    const runUnits = units.splice(0, RUN_UNITS);
    await insertUnits(database, runUnits);
    console.log('');
    console.log(`allocation runs over ${RUN_UNITS.toLocaleString('en')} units (cap 2 per building) and the waitlist, POST /allocation-runs → solved (BullMQ job):`);
    let responsiveness: Responsiveness | undefined;
    for (const mode of ['optimal', 'priority'] as const) {
      // While the optimal run solves, the service must keep answering: probe it all along.
      const probe = mode === 'optimal' ? probeWhile(service) : undefined;
      const run = await allocationRun(service, database, mode, runUnits.map((u) => u.unitId));
      if (probe) responsiveness = await probe.stop();
      const { snapshotMs, solveMs, checkMs, storeMs } = run.timings;
      console.log(
        `  ${mode.padEnd(8)} wall ${fmt(run.wallMs).padStart(6)} ms = snapshot load ${fmt(snapshotMs).padStart(5)} ms + solve ${fmt(solveMs).padStart(5)} ms` +
          (mode === 'optimal' ? ` + certificate check ${fmt(checkMs).padStart(5)} ms` : '') +
          ` + store ${fmt(storeMs).padStart(5)} ms (+ queue, HTTP and polling ${fmt(run.wallMs - snapshotMs - solveMs - checkMs - storeMs)} ms)`,
      );
      console.log(
        `           ${run.counts.households.toLocaleString('en')} households × ${run.counts.units} units, ${run.counts.eligiblePairs.toLocaleString('en')} eligible pairs, ` +
          `${run.counts.proposals} proposals, total score ${run.totalScore.toFixed(2)}` +
          (mode === 'optimal' ? `, certificate valid: ${run.certificateValid}` : '') +
          `, census ${(run.censusBytes / 1e6).toFixed(1)} MB`,
      );
    }
    const verifyStarted = performance.now();
    const lastOptimal = await queryDatabase<{ id: string }>(database, "SELECT id FROM allocation_runs WHERE mode = 'optimal' ORDER BY created_at DESC LIMIT 1");
    const { body: verification } = await service.http.post(`/allocation-runs/${lastOptimal[0].id}/verify`).set(staff).send({}).expect(200);
    console.log(`  POST /allocation-runs/:id/verify (optimal run, from the stored census): valid ${verification.valid} in ${fmt(performance.now() - verifyStarted)} ms`);
    const { health, reads, eventLoopMaxMs } = responsiveness!;
    console.log('');
    console.log(`during the optimal run (solved in a worker thread), requests sent back to back:`);
    console.log(`  GET /health            ${health.length} answered: p50 ${fmt(percentile(health, 50), 1)} ms   p99 ${fmt(percentile(health, 99), 1)} ms   max ${fmt(Math.max(...health), 1)} ms`);
    console.log(`  GET /allocation-runs   ${reads.length} answered: p50 ${fmt(percentile(reads, 50), 1)} ms   p99 ${fmt(percentile(reads, 99), 1)} ms   max ${fmt(Math.max(...reads), 1)} ms`);
    console.log(`  longest event-loop delay ${fmt(eventLoopMaxMs, 1)} ms`);
    console.log('');
    console.log(targetLine('/health p99 during a run', percentile(health, 99), RESPONSIVE_P99_MS));
    console.log(targetLine('HTTP read p99 during a run', percentile(reads, 99), RESPONSIVE_P99_MS));
  } finally {
    await producer.disconnect().catch(() => undefined);
    await poller?.end();
    await service?.close();
    await clearRedisPrefix(prefix);
    await broker.stop();
  }
}

type GeneratedUnit = SyntheticUnit & { id: string; unitId: string };

function connectProducer(brokers: string[]): Promise<Producer> {
  const kafka = new Kafka({ clientId: 'bench-units', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  return producer.connect().then(() => producer);
}

/** UnitBecameAvailable as the units service publishes it (payload valid against the catalogue). */
async function publishAvailable(producer: Producer, unit: GeneratedUnit): Promise<void> {
  const envelope = anEnvelope({
    type: 'UnitBecameAvailable',
    source: 'units',
    aggregateType: 'Unit',
    aggregateId: unit.unitId,
    aggregateVersion: 4,
    payload: {
      unitId: unit.unitId,
      landlordId: '5f1d2c3b-8e4a-4f6b-9c7d-2a1b3c4d5e6f',
      buildingId: unit.buildingId,
      district: unit.district,
      postalCode: '1000',
      city: 'Brussels',
      address: `Rue de la Bench ${unit.id}`,
      type: unit.bedrooms === 0 ? 'studio' : 'apartment',
      bedrooms: unit.bedrooms,
      floorArea: 30 + 20 * unit.bedrooms,
      maxOccupants: unit.maxOccupants,
      rent: unit.rent,
      serviceCharges: 40,
      wheelchairAccessible: unit.wheelchairAccessible,
      stepFree: unit.stepFree,
      petsAllowed: unit.petsAllowed,
      availableFrom: null,
    },
  });
  await producer.send({ topic: Topics.units, acks: -1, messages: [{ key: unit.unitId, value: JSON.stringify(envelope) }] });
}

/** Polls (on one open connection) until every unit's shortlist is committed; returns when each was first seen (epoch ms). */
async function waitForShortlists(poller: Client, unitIds: string[], timeoutMs: number, intervalMs = 5): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  while (seen.size < unitIds.length) {
    if (Date.now() > deadline) throw new Error(`${unitIds.length - seen.size} shortlists not stored within ${timeoutMs} ms`);
    const pending = unitIds.filter((id) => !seen.has(id));
    const { rows } = await poller.query<{ unit_id: string }>('SELECT unit_id FROM shortlists WHERE unit_id = ANY($1)', [pending]);
    const now = Date.now();
    for (const row of rows) seen.set(row.unit_id, now);
    if (seen.size < unitIds.length) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return seen;
}

async function insertHouseholds(database: string, households: SyntheticHousehold[]): Promise<void> {
  const today = Date.now();
  const BATCH = 10_000;
  for (let start = 0; start < households.length; start += BATCH) {
    const rows = households.slice(start, start + BATCH).map((a, i) => ({
      household_id: randomUUID(),
      reference: reference(start + i),
      programme: ['housing_first', 'housing_led', 'rapid_rehousing'][(start + i) % 3],
      household_size: a.householdSize,
      bedrooms_needed: a.bedroomsNeeded,
      max_rent: a.maxRent,
      wheelchair: a.wheelchair,
      step_free: a.stepFree,
      pets: a.pets,
      excluded_districts: a.excludedDistricts,
      preferred_districts: a.preferredDistricts,
      priority: a.priority,
      waiting_since: new Date(today - a.waitingDays * 86_400_000).toISOString().slice(0, 10),
    }));
    await queryDatabase(
      database,
      `INSERT INTO waitlisted_households (household_id, reference, programme, status, household_size, bedrooms_needed, max_rent, wheelchair, step_free, pets,
                                          excluded_districts, preferred_districts, priority, waiting_since, household_version)
       SELECT household_id, reference, programme, 'waitlisted', household_size, bedrooms_needed, max_rent, wheelchair, step_free, pets,
              excluded_districts, preferred_districts, priority, waiting_since, 5
         FROM json_to_recordset($1::json) AS r(household_id uuid, reference text, programme text, household_size int, bedrooms_needed int,
              max_rent double precision, wheelchair boolean, step_free boolean, pets boolean, excluded_districts text[], preferred_districts text[],
              priority double precision, waiting_since date)`,
      [JSON.stringify(rows)],
    );
  }
  await queryDatabase(database, 'ANALYZE waitlisted_households');
}

async function insertUnits(database: string, units: GeneratedUnit[]): Promise<void> {
  const rows = units.map((u) => ({
    unit_id: u.unitId,
    building_id: u.buildingId,
    district: u.district,
    bedrooms: u.bedrooms,
    max_occupants: u.maxOccupants,
    rent: u.rent,
    wheelchair_accessible: u.wheelchairAccessible,
    step_free: u.stepFree,
    pets_allowed: u.petsAllowed,
  }));
  await queryDatabase(
    database,
    `INSERT INTO available_units (unit_id, landlord_id, building_id, district, bedrooms, max_occupants, rent, wheelchair_accessible, step_free, pets_allowed, status, unit_version)
     SELECT unit_id, '5f1d2c3b-8e4a-4f6b-9c7d-2a1b3c4d5e6f', building_id, district, bedrooms, max_occupants, rent, wheelchair_accessible, step_free, pets_allowed, 'available', 4
       FROM json_to_recordset($1::json) AS r(unit_id uuid, building_id text, district text, bedrooms int, max_occupants int, rent double precision,
            wheelchair_accessible boolean, step_free boolean, pets_allowed boolean)`,
    [JSON.stringify(rows)],
  );
}

interface SolvedRun {
  wallMs: number;
  timings: { snapshotMs: number; solveMs: number; checkMs: number; storeMs: number };
  counts: { households: number; units: number; eligiblePairs: number; proposals: number };
  totalScore: number;
  certificateValid: boolean | null;
  censusBytes: number;
}

async function allocationRun(service: TestApp, database: string, mode: 'optimal' | 'priority', unitIds: string[]): Promise<SolvedRun> {
  const started = performance.now();
  const { body: queued } = await service.http.post('/allocation-runs').set(staff).send({ mode, maxPerBuilding: 2, units: unitIds }).expect(202);
  for (;;) {
    const { body: run } = await service.http.get(`/allocation-runs/${queued.id}`).set(staff).expect(200);
    if (run.status === 'failed') throw new Error(`run failed: ${run.error}`);
    if (run.status === 'awaiting_approval' && run.timings) {
      const wallMs = performance.now() - started;
      const [{ bytes }] = await queryDatabase<{ bytes: string }>(
        database,
        'SELECT pg_column_size(instance) + pg_column_size(household_references) + pg_column_size(result) + coalesce(pg_column_size(certificate), 0) AS bytes FROM allocation_run_census WHERE run_id = $1',
        [run.id],
      );
      return { wallMs, timings: run.timings, counts: run.counts, totalScore: run.totalScore, certificateValid: run.certificateValid, censusBytes: Number(bytes) };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function candidateStats(database: string, unitIds: string[]) {
  const rows = await queryDatabase<{ candidates: number }>(database, 'SELECT candidates FROM shortlists WHERE unit_id = ANY($1) ORDER BY candidates', [unitIds]);
  const values = rows.map((r) => r.candidates);
  return { median: values[Math.floor(values.length / 2)], max: values[values.length - 1] };
}

/** Medians of each leg: published → the consumer applied the event (the pool row's updated_at) → the job computed the shortlist → the bench saw it committed. */
async function phaseStats(database: string, sentAt: Map<string, number>, seenAt: Map<string, number>) {
  const rows = await queryDatabase<{ unit_id: string; consumed: Date; computed: Date }>(
    database,
    'SELECT u.unit_id, u.updated_at AS consumed, s.computed_at AS computed FROM available_units u JOIN shortlists s USING (unit_id) WHERE u.unit_id = ANY($1)',
    [[...sentAt.keys()]],
  );
  const median = (values: number[]) => percentile(values, 50);
  return {
    consumed: median(rows.map((r) => r.consumed.getTime() - sentAt.get(r.unit_id)!)),
    computed: median(rows.map((r) => r.computed.getTime() - r.consumed.getTime())),
    stored: median(rows.map((r) => seenAt.get(r.unit_id)! - r.computed.getTime())),
  };
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function reference(n: number): string {
  let code = '';
  for (let i = 0, rest = n; i < 6; i++, rest = Math.floor(rest / REFERENCE_ALPHABET.length)) code += REFERENCE_ALPHABET[rest % REFERENCE_ALPHABET.length];
  return `HX-${code}`;
}

/** What "keeps answering" means during a run: well under what a person notices. */
const RESPONSIVE_P99_MS = 100;

interface Responsiveness {
  health: number[];
  reads: number[];
  eventLoopMaxMs: number;
}

/** Sends /health and a read back to back (and watches the event loop) until stopped. */
function probeWhile(service: TestApp): { stop(): Promise<Responsiveness> } {
  const health: number[] = [];
  const reads: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let running = true;
  const timed = async (request: () => PromiseLike<unknown>, into: number[]) => {
    const started = performance.now();
    await request();
    into.push(performance.now() - started);
  };
  const probing = (async () => {
    while (running) {
      await timed(() => service.http.get('/health').expect(200), health);
      await timed(() => service.http.get('/allocation-runs?limit=5').set(staff).expect(200), reads);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await probing;
      loop.disable();
      return { health, reads, eventLoopMaxMs: loop.max / 1e6 };
    },
  };
}

function targetLine(what: string, measuredMs: number, goalMs: number): string {
  return `target: ${what} ${fmt(measuredMs, 1)} ms (goal ≤ ${goalMs} ms) — ${measuredMs <= goalMs ? 'met' : 'NOT met'}`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
