/**
 * npm run bench:events — N events through outbox → relay → Kafka test broker → consumer with
 * inbox, against raw kafkajs producer → consumer on the same broker; then end-to-end latency at
 * a steady offered load. Prints measured figures only.
 */
import { dlqTopic, LandlordRegistered, SYSTEM_ACTOR } from '@hearth/contracts';
import { databaseUrl, ensureDatabase, runMigrationsExclusively, UnitOfWork } from '@hearth/persistence';
import { createLogger } from '@hearth/platform';
import { dropDatabase, KafkaTestBroker, TEST_DATABASE_SERVER_URL, uniqueDatabaseName } from '@hearth/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { EventConsumerRunner, EventOutbox, KafkaTransport, messagingMigrations, newEvent, on, OutboxRelay, OutgoingMessage, ParkedEvents } from '../src';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    role: { type: 'string', default: 'main' },
    topic: { type: 'string' },
    database: { type: 'string' },
    brokers: { type: 'string' },
  },
});
const N = Number(args.events);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
/** The relay's default batch size, used by both runs. */
const RELAY_BATCH = 2000;
const logger = createLogger('bench').child({}, { level: 'error' });

/** The producing and the consuming service each have their own database, as in production. */
async function serviceDatabase(name: string, poolSize: number) {
  const database = uniqueDatabaseName(name);
  await ensureDatabase(TEST_DATABASE_SERVER_URL, database);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl(TEST_DATABASE_SERVER_URL, database),
    migrations: messagingMigrations,
    extra: { max: poolSize },
  }).initialize();
  await runMigrationsExclusively(dataSource);
  return { database, dataSource };
}

async function main(): Promise<void> {
  const broker = await KafkaTestBroker.start();
  const producer = await serviceDatabase('bench_producer', 10);
  const consumer = await serviceDatabase('bench_consumer', 4); // its inbox table
  try {
    console.log(`Hearth events benchmark — ${N.toLocaleString()} events, librdkafka mock cluster (3 brokers), PostgreSQL ${await pgVersion(producer.dataSource)}`);
    const throughputRun = backbone(producer, consumer, broker.brokers, 'throughput');
    const records = await recordsAsTheRelaySendsThem(throughputRun, producer, N);
    console.log(`each event: a ${fmt(records[0].value.length, 0)}-byte envelope and ${Object.keys(records[0].headers).length} headers, keyed by aggregate id; both paths carry these same records`);
    const raw = await rawKafkajs(broker.brokers, records, ROUNDS);
    // For reference only: what kafkajs does with small bare messages (no headers), the baseline
    // this benchmark used before it sent both paths the same records.
    const bare = records.map(({ key }) => ({ topic: '', key, value: JSON.stringify({ type: 'LandlordRegistered', payload: { landlordId: key } }), headers: {} }));
    const rawBare = await rawKafkajs(broker.brokers, bare, ROUNDS);
    const hearth = await outboxToInbox(throughputRun, producer, N, ROUNDS);
    const rawMs = median(raw);
    const hearthMs = median(hearth.map((r) => r.ms));
    const perSecond = (ms: number) => (N / ms) * 1000;
    console.log('');
    console.log(`throughput, ${ROUNDS} rounds of ${N.toLocaleString()} events each (wall ms per round; median)   events/s at the median`);
    console.log(`raw kafkajs producer → consumer    ${raw.map((ms) => fmt(ms, 6)).join(' ')}   median ${fmt(rawMs, 6)}   ${fmt(perSecond(rawMs), 8)}`);
    console.log(`outbox → relay → consumer+inbox    ${hearth.map((r) => fmt(r.ms, 6)).join(' ')}   median ${fmt(hearthMs, 6)}   ${fmt(perSecond(hearthMs), 8)}`);
    console.log(`  of which the relay published all  ${hearth.map((r) => fmt(r.relayMs, 6)).join(' ')}`);
    console.log(`ratio (Hearth / raw, medians)       ${((rawMs / hearthMs) * 100).toFixed(1)} %   (target ≥ 50 %)`);
    const bareMs = median(rawBare);
    console.log(
      `for reference, raw kafkajs with ${bare[0].value.length}-byte values and no headers: ${rawBare.map((ms) => fmt(ms, 0)).join(' ')} ms, median ${fmt(perSecond(bareMs), 0)} events/s ` +
        `(Hearth at ${((bareMs / hearthMs) * 100).toFixed(1)} % of that)`,
    );
    const latency = await latencyAtRate(producer, consumer, broker.brokers, RATE, SECONDS);
    console.log('');
    console.log(`end-to-end latency at ${RATE} events/s offered for ${SECONDS} s (outbox row written → consumer handler, inbox row in its transaction):`);
    console.log(`  delivered ${latency.count} / ${latency.offered}, achieved ${fmt(latency.achievedRate, 0)} events/s offered`);
    console.log(`  of which outbox commit → published by the relay: p50 ${Number(latency.relayLag.p50).toFixed(1)} ms, p99 ${Number(latency.relayLag.p99).toFixed(1)} ms`);
    console.log(`  p50 ${latency.p50.toFixed(1)} ms   p99 ${latency.p99.toFixed(1)} ms   max ${latency.max.toFixed(1)} ms   (target p99 ≤ 200 ms)`);
    console.log('');
    const ratio = (rawMs / hearthMs) * 100;
    console.log(`target: throughput through outbox, relay and inbox ${ratio.toFixed(1)} % of raw kafkajs (goal ≥ 50 %) — ${ratio >= 50 ? 'met' : 'NOT met'}`);
    if (latency.achievedRate < RATE * 0.95) {
      console.log(`target: p99 latency at ${RATE} events/s — the load generator offered only ${fmt(latency.achievedRate, 0).trim()} events/s on this machine: rate not reached, no verdict`);
    } else if (latency.count < latency.offered) {
      console.log(`target: p99 latency at ${RATE} events/s — only ${latency.count} of ${latency.offered} events delivered within 30 s — NOT met`);
    } else {
      console.log(`target: p99 latency at ${RATE} events/s ${latency.p99.toFixed(1)} ms (goal ≤ 200 ms) — ${latency.p99 <= 200 ? 'met' : 'NOT met'}`);
    }
  } finally {
    for (const db of [producer, consumer]) {
      await db.dataSource.destroy();
      await dropDatabase(db.database);
    }
    await broker.stop();
  }
}

/** The raw baseline: kafkajs alone, producer and consumer in one process, sending the records
 *  the relay sends (same values, keys and headers), in batches of the relay's size, acks = all.
 *  Returns the wall time of each round, from the first send until the consumer has them all. */
async function rawKafkajs(brokers: string[], records: OutgoingMessage[], rounds: number): Promise<number[]> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench.raw.${randomUUID().slice(0, 8)}`;
  const producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 50 }); // as the backbone's consumer
  await producer.connect();
  await producer.send({ topic, messages: [{ key: 'warm-up', value: 'x' }] });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  let received = 0;
  let waiter: { count: number; resolve: () => void } | undefined;
  let ready!: () => void;
  const joined = new Promise<void>((resolve) => (ready = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => ready());
  await consumer.run({
    partitionsConsumedConcurrently: 4, // as the backbone's consumer
    eachBatch: async ({ batch }) => {
      received += batch.messages.length;
      if (waiter && received >= waiter.count) waiter.resolve();
    },
  });
  await joined;
  await sleep(1_000);
  const times: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const all = new Promise<void>((resolve) => (waiter = { count: round * records.length, resolve }));
    const started = performance.now();
    for (let sent = 0; sent < records.length; sent += RELAY_BATCH) {
      const messages = records.slice(sent, sent + RELAY_BATCH).map(({ key, value, headers }) => ({ key, value, headers }));
      await producer.send({ topic, acks: -1, messages });
    }
    await all;
    times.push(performance.now() - started);
  }
  await consumer.disconnect();
  await producer.disconnect();
  return times;
}

type ServiceDatabase = Awaited<ReturnType<typeof serviceDatabase>>;
type Backbone = ReturnType<typeof backbone>;

/**
 * One producing service (outbox + relay, in this process) and one consuming service (consumer +
 * inbox, in a child process, as a separate service would be). The consumer's effect is in memory
 * (it notes each event's latency) so that, like the raw consumer, it measures the backbone itself;
 * the inbox row of every event is still written and committed.
 */
function backbone(producer: ServiceDatabase, consumer: ServiceDatabase, brokers: string[], name: string) {
  const transport = new KafkaTransport({ clientId: `bench-${name}`, brokers, idempotent: false, logger });
  const producerWork = new UnitOfWork(producer.dataSource);
  const topic = `hearth.bench-${name}-${randomUUID().slice(0, 8)}`;
  const definition = { ...LandlordRegistered, topic };
  const relay = () =>
    new OutboxRelay({ connectionString: databaseUrl(TEST_DATABASE_SERVER_URL, producer.database), producer: transport.producer(), logger, batchSize: RELAY_BATCH });
  const outbox = new EventOutbox('landlords');
  const registrations = (count: number) =>
    Array.from({ length: count }, () => {
      const landlordId = randomUUID();
      return newEvent(definition, { aggregateId: landlordId, aggregateVersion: 1, payload: { landlordId, kind: 'individual', status: 'prospect' }, actor: SYSTEM_ACTOR });
    });
  const append = (count: number) => producerWork.run((manager) => outbox.append(manager, registrations(count)));
  const appendInOneTransaction = (count: number) =>
    producerWork.run(async (manager) => {
      for (let written = 0; written < count; written += 100) await outbox.append(manager, registrations(Math.min(100, count - written)));
    });
  const child = fork(__filename, ['--role', 'consumer', '--topic', topic, '--database', consumer.database, '--brokers', brokers.join(',')], {
    execArgv: ['-r', require.resolve('../../../tools/register.js')],
  });
  process.once('exit', () => child.kill()); // also when the benchmark fails
  const ask = <T>(request: string, argument?: number) =>
    new Promise<T>((resolve) => {
      child.once('message', (reply) => resolve(reply as T));
      child.send({ request, argument });
    });
  return {
    relay,
    append,
    appendInOneTransaction,
    topic,
    consumerStarted: () => ask<'started'>('start'),
    /** Resolves with the wall-clock time (ms) when the consumer has applied `count` events. */
    consumedAt: (count: number) => ask<number>('wait', count),
    latencies: () => ask<number[]>('latencies'),
    stopConsumer: async () => {
      await ask('stop');
      child.kill();
    },
  };
}

/** The child process: a consumer service with its own inbox database. */
async function consumerRole(topic: string, database: string, brokers: string): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl(TEST_DATABASE_SERVER_URL, database), extra: { max: 4 } }).initialize();
  const transport = new KafkaTransport({ clientId: 'bench-consumer', brokers: brokers.split(','), idempotent: false, logger });
  const latencies: number[] = [];
  const waiters: { count: number; resolve: (at: number) => void }[] = [];
  const runner = new EventConsumerRunner({
    consumerName: `bench-${topic}`,
    dlqTopic: dlqTopic('bench'),
    consumer: transport.consumer(`bench-${randomUUID()}`),
    dlqProducer: transport.producer(),
    unitOfWork: new UnitOfWork(dataSource),
    parkedEvents: new ParkedEvents(dataSource, `bench-${topic}`),
    logger,
    subscriptions: [
      on({ ...LandlordRegistered, topic }, async (event) => {
        latencies.push(Date.now() - Date.parse(event.occurredAt));
        for (const waiter of waiters.filter((w) => latencies.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(Date.now());
        }
      }),
    ],
  });
  process.on('message', async ({ request, argument }: { request: string; argument?: number }) => {
    if (request === 'start') {
      await runner.start();
      process.send!('started');
    } else if (request === 'wait') {
      if (latencies.length >= argument!) process.send!(Date.now());
      else waiters.push({ count: argument!, resolve: (at) => process.send!(at) });
    } else if (request === 'latencies') {
      process.send!(latencies.splice(0));
    } else if (request === 'stop') {
      await runner.stop();
      await dataSource.destroy();
      process.send!('stopped');
    }
  });
}

/** N events as the relay reads them from the outbox, for the raw baseline to send; they are then
 *  marked published so that the relay of the measured run does not send them too. */
async function recordsAsTheRelaySendsThem(run: Backbone, producer: ServiceDatabase, count: number): Promise<OutgoingMessage[]> {
  await run.appendInOneTransaction(count);
  const rows: { topic: string; key: string; value: string; headers: Record<string, string> }[] = await producer.dataSource.query(
    'SELECT topic, message_key AS key, envelope::text AS value, headers FROM outbox WHERE published_at IS NULL ORDER BY seq',
  );
  await producer.dataSource.query('UPDATE outbox SET published_at = now() WHERE published_at IS NULL');
  return rows;
}

/**
 * Throughput: the relay runs and the consumer has joined (one warm-up event went through). Each
 * round commits N events in one transaction, as a burst of work would, and is timed from that
 * commit until the consumer has applied the last of them (inbox row committed).
 */
async function outboxToInbox(run: Backbone, producer: ServiceDatabase, count: number, rounds: number) {
  const relay = run.relay();
  await relay.start();
  await run.consumerStarted();
  await run.append(1);
  await run.consumedAt(1);
  const results: { ms: number; relayMs: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    await run.appendInOneTransaction(count);
    const committed = Date.now();
    const done = await run.consumedAt(1 + round * count);
    const [{ last }] = await producer.dataSource.query('SELECT max(published_at) AS last FROM outbox');
    results.push({ ms: done - committed, relayMs: new Date(last).getTime() - committed });
  }
  await relay.stop();
  await run.stopConsumer();
  return results;
}

/** Latency: one event per transaction at a steady rate; the relay is woken by NOTIFY. */
async function latencyAtRate(producer: ServiceDatabase, consumer: ServiceDatabase, brokers: string[], rate: number, seconds: number) {
  const { relay, append, topic, consumerStarted, consumedAt, latencies, stopConsumer } = backbone(producer, consumer, brokers, 'latency');
  const theRelay = relay();
  await theRelay.start();
  await consumerStarted();
  await append(1);
  await consumedAt(1);
  await sleep(1_000);
  await latencies();

  const generator = fork(__filename, ['--role', 'generator', '--topic', topic, '--database', producer.database, '--rate', String(rate), '--seconds', String(seconds)], {
    execArgv: ['-r', require.resolve('../../../tools/register.js')],
  });
  const { offered, achievedRate } = await new Promise<{ offered: number; achievedRate: number }>((resolve, reject) => {
    generator.once('message', (report) => resolve(report as { offered: number; achievedRate: number }));
    generator.once('exit', (code) => code !== 0 && reject(new Error(`the load generator exited with ${code}`)));
  });
  await Promise.race([consumedAt(offered + 1), sleep(30_000)]);
  const sorted = (await latencies()).sort((a, b) => a - b);
  await stopConsumer();
  await theRelay.stop();
  const [relayLag] = await producer.dataSource.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM published_at - created_at) * 1000 AS ms FROM outbox WHERE topic = $1) lag`,
    [topic],
  );
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { offered, count: sorted.length, achievedRate, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1], relayLag };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, width: number) => Math.round(n).toLocaleString('en-US').padStart(width);
const pgVersion = async (ds: DataSource): Promise<string> => ((await ds.query('SHOW server_version'))[0].server_version as string).split(' ')[0];

/**
 * The load generator, in its own process so that offering the load does not take the relay's CPU:
 * one event per transaction at `rate` for `seconds`, against the producing service's database.
 * Reports the rate it actually offered.
 */
async function generatorRole(topic: string, database: string, rate: number, seconds: number): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl(TEST_DATABASE_SERVER_URL, database), extra: { max: 16 } }).initialize();
  const work = new UnitOfWork(dataSource);
  const outbox = new EventOutbox('landlords');
  const definition = { ...LandlordRegistered, topic };
  const append = () =>
    work.run((manager) => {
      const landlordId = randomUUID();
      return outbox.append(manager, [newEvent(definition, { aggregateId: landlordId, aggregateVersion: 1, payload: { landlordId, kind: 'individual', status: 'prospect' }, actor: SYSTEM_ACTOR })]);
    });
  const offered = rate * seconds;
  const tickMs = 10;
  const perTick = (rate * tickMs) / 1000;
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let tick = 0; tick * perTick < offered; tick++) {
    const wait = started + tick * tickMs - performance.now();
    if (wait > 0) await sleep(wait);
    for (let i = 0; i < perTick; i++) pending.push(append());
  }
  await Promise.all(pending);
  const achievedRate = (offered / (performance.now() - started)) * 1000;
  await dataSource.destroy();
  process.send!({ offered, achievedRate });
}

(args.role === 'consumer'
  ? consumerRole(args.topic!, args.database!, args.brokers!)
  : args.role === 'generator'
    ? generatorRole(args.topic!, args.database!, RATE, SECONDS)
    : main()
).then(
  () => args.role === 'consumer' || process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
