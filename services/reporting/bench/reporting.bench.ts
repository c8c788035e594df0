/**
 * npm run bench:reporting — a five-year synthetic history (100,000 households, 10,000 flats,
 * 10,000 tenancies by default: BENCH_HOUSEHOLDS, BENCH_FLATS, BENCH_TENANCIES, BENCH_YEARS; BENCH_RENT=false
 * without the monthly rent and payments) put on
 * hearth.applicants, hearth.units, hearth.matching, hearth.leases and hearth.mediation of a Kafka test
 * broker (or KAFKA_BROKERS), then:
 * 1. reporting started on an empty database consumes the whole history from scratch (events/s),
 *    streamed to the topics as it goes (the test broker keeps only the newest ~5 MB per partition);
 * 2. every indicator for the last year of the history, as of its last day: cold (first computed,
 *    then stored) and warm (asked again), through the HTTP API;
 * 3. a daily snapshot of a day not yet taken (every indicator, year to date).
 */
import 'reflect-metadata';
import { TEST_AUTH_ENV } from '@hearth/auth/test-signing-key';
import { bearer, clearRedisPrefix, KafkaTestBroker, queryDatabase, startTestApp, TEST_DATABASE_SERVER_URL, TestApp, uniqueDatabaseName } from '@hearth/testing';
import { CommandBus } from '@nestjs/cqrs';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { loadReportingConfig } from '../src/config';
import { INDICATORS } from '../src/indicators/indicator-source';
import { ReportingModule } from '../src/reporting.module';
import { TakeDailySnapshotCommand } from '../src/snapshots/commands/take-daily-snapshot/take-daily-snapshot.handler';
import { syntheticHistory } from './history';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const FLATS = Number(process.env.BENCH_FLATS ?? 10_000);
const TENANCIES = Number(process.env.BENCH_TENANCIES ?? 10_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 5);
// BENCH_RENT=false leaves out the monthly rent charges and payments (about 420,000 events at full size).
const RENT = process.env.BENCH_RENT !== 'false';
const START = '2021-01-01';
/** Events published at once, and at most not yet applied (well under what the test broker keeps). */
const CHUNK = 2_000;
const BACKLOG = 10_000;
const GOALS = { coldMs: 2_000, warmMs: 200, snapshotMs: 10_000 };
const board = bearer('board_member');

const fmt = (value: number, digits = 0) => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const broker = process.env.KAFKA_BROKERS ? undefined : await KafkaTestBroker.start();
  const brokers = process.env.KAFKA_BROKERS ?? broker!.brokers.join(',');
  const database = uniqueDatabaseName('bench_reporting');
  const prefix = `bench:reporting:${randomUUID().slice(0, 8)}`;
  let service: TestApp | undefined;
  try {
    let started = performance.now();
    const { events, counts, lastDay } = syntheticHistory({ households: HOUSEHOLDS, flats: FLATS, tenancies: TENANCIES, years: YEARS, start: START, rent: RENT });
    console.log(`Hearth reporting benchmark — Node ${process.version}, ${broker ? 'librdkafka mock cluster (3 brokers)' : `Kafka at ${brokers}`}`);
    console.log(
      `history ${START} → ${lastDay}: ${fmt(HOUSEHOLDS)} households, ${fmt(FLATS)} flats, ${fmt(counts.tenancies)} tenancies (lets), ${fmt(events.length)} events, built in ${fmt(performance.now() - started)} ms`,
    );
    console.log(`  ${Object.entries(counts).filter(([type]) => type !== 'tenancies').map(([type, n]) => `${type} ${fmt(n)}`).join(', ')}`);

    // 1. reporting, started on an empty database, consumes the whole history from the first event.
    // The test broker keeps only about 5 MB per partition (librdkafka's mock cluster drops the
    // oldest messages beyond that), so the history is streamed to the topics with at most
    // BACKLOG events not yet applied, instead of being put there all at once.
    const config = loadReportingConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: TEST_DATABASE_SERVER_URL,
      DATABASE_NAME: database,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: brokers,
      KAFKA_IDEMPOTENT: 'false',
      KAFKA_CONSUMER_GROUP: `bench-reporting-${randomUUID().slice(0, 8)}`,
      BULLMQ_PREFIX: prefix,
      // No daily snapshots while consuming: they are measured on their own below.
      SNAPSHOTS_FROM: '2199-01-01',
      JOB_SWEEP_INTERVAL_MS: '86400000',
      ...TEST_AUTH_ENV,
      LOG_LEVEL: 'error',
    });
    process.env.LOG_LEVEL = 'error';
    started = performance.now();
    service = await startTestApp(ReportingModule.forRoot(config), database);
    const booted = performance.now();
    const applied = async () => (await queryDatabase<{ n: number }>(database, 'SELECT count(*)::int AS n FROM inbox'))[0].n;
    const kafka = new Kafka({ clientId: 'bench-reporting', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const publishStarted = performance.now();
    let firstAppliedAt: number | undefined;
    const waitUntil = async (count: number) => {
      for (;;) {
        const n = await applied();
        if (n > 0 && firstAppliedAt === undefined) firstAppliedAt = performance.now();
        if (n >= count) return;
        if (performance.now() - started > 3_600_000) throw new Error(`only ${n} of ${events.length} events consumed within an hour`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    for (let i = 0; i < events.length; i += CHUNK) {
      await waitUntil(i - BACKLOG);
      const chunk = events.slice(i, i + CHUNK);
      await producer.sendBatch({ acks: -1, topicMessages: ['hearth.applicants', 'hearth.units', 'hearth.matching', 'hearth.leases', 'hearth.mediation'].map((topic) => ({ topic, messages: chunk.filter((e) => e.topic === topic).map((e) => ({ key: e.key, value: e.value })) })) });
    }
    await producer.disconnect();
    await waitUntil(events.length);
    const done = performance.now();
    const rate = events.length / ((done - (firstAppliedAt ?? booted)) / 1000);
    console.log('');
    console.log(`consuming the whole history from scratch: ${fmt(events.length)} events in ${fmt((done - started) / 1000, 1)} s from start-up (start-up ${fmt((booted - started) / 1000, 1)} s; streamed with at most ${fmt(BACKLOG)} events not yet applied, from ${fmt((publishStarted - started) / 1000, 1)} s)`);
    console.log(`  ${fmt(rate)} events/s from the first event applied to the last (a figure; no goal is set)`);

    // The planner's statistics, as autovacuum keeps them in production (some servers, this
    // machine's included, run with autovacuum off): without them it guesses row counts.
    const analyzing = performance.now();
    await queryDatabase(database, 'ANALYZE');
    console.log(`  statistics gathered (ANALYZE) in ${fmt((performance.now() - analyzing) / 1000, 1)} s`);

    // 2. Every indicator for the last year, as of its last day.
    const year = lastDay.slice(0, 4);
    const question = `asOf=${lastDay}&from=${year}-01-01&to=${lastDay}`;
    const ask = async (indicator: string) => {
      const t = performance.now();
      const response = await service!.http.get(`/indicators/${indicator}?${question}`).set(board);
      if (response.status !== 200) throw new Error(`${indicator}: ${response.status} ${response.text}`);
      return performance.now() - t;
    };
    const cold: number[] = [];
    for (const indicator of INDICATORS) cold.push(await ask(indicator));
    const warm: number[] = [];
    for (const indicator of INDICATORS) warm.push(await ask(indicator));
    const coldTotal = cold.reduce((a, b) => a + b, 0);
    const warmTotal = warm.reduce((a, b) => a + b, 0);
    console.log('');
    console.log(`every indicator for ${year} as of ${lastDay} (ms; cold = computed and stored, warm = asked again):`);
    INDICATORS.forEach((indicator, i) => console.log(`  ${indicator.padEnd(16)} cold ${fmt(cold[i], 1).padStart(9)}   warm ${fmt(warm[i], 1).padStart(7)}`));
    console.log(`  ${'all'.padEnd(16)} cold ${fmt(coldTotal, 1).padStart(9)}   warm ${fmt(warmTotal, 1).padStart(7)}`);

    // 3. A daily snapshot of a day not taken yet (every indicator, year to date).
    const day = `${year}-06-30`;
    started = performance.now();
    const result = await service.app.get(CommandBus).execute(new TakeDailySnapshotCommand(day));
    const snapshotMs = performance.now() - started;
    console.log('');
    console.log(`daily snapshot of ${day} (${INDICATORS.length} indicators, year to date): ${result} in ${fmt(snapshotMs)} ms`);

    console.log('');
    console.log(`target: every indicator for a year, cold ${fmt(coldTotal)} ms (goal ≤ ${fmt(GOALS.coldMs)} ms) — ${verdict(coldTotal <= GOALS.coldMs)}`);
    console.log(`target: every indicator for a year, warm ${fmt(warmTotal, 1)} ms (goal ≤ ${fmt(GOALS.warmMs)} ms) — ${verdict(warmTotal <= GOALS.warmMs)}`);
    console.log(`target: a daily snapshot ${fmt(snapshotMs)} ms (goal ≤ ${fmt(GOALS.snapshotMs)} ms) — ${verdict(snapshotMs <= GOALS.snapshotMs)}`);
  } finally {
    if (service && !process.env.BENCH_KEEP_DATABASE) await service.close();
    else if (service) await service.app.close();
    await clearRedisPrefix(prefix);
    await broker?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
