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
import { CreateMessagingTables1763800000000, EventConsumerRunner, EventOutbox, KafkaTransport, newEvent, on, OutboxRelay } from '../src';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    role: { type: 'string', default: 'main' },
    topic: { type: 'string' },
    database: { type: 'string' },
    brokers: { type: 'string' },
  },
});
const N = Number(args.events);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const logger = createLogger('bench').child({}, { level: 'error' });

/** The producing and the consuming service each have their own database, as in production. */
async function serviceDatabase(name: string, poolSize: number) {
  const database = uniqueDatabaseName(name);
  await ensureDatabase(TEST_DATABASE_SERVER_URL, database);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl(TEST_DATABASE_SERVER_URL, database),
    migrations: [CreateMessagingTables1763800000000],
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
    const raw = await rawKafkajs(broker.brokers, N);
    const backbone = await outboxToInbox(producer, consumer, broker.brokers, N);
    const ratio = backbone.eventsPerSecond / raw.eventsPerSecond;
    console.log('');
    console.log('throughput                          events/s     wall time');
    console.log(`raw kafkajs producer → consumer   ${fmt(raw.eventsPerSecond, 9)}   ${fmt(raw.ms, 7)} ms`);
    console.log(`outbox → relay → consumer+inbox   ${fmt(backbone.eventsPerSecond, 9)}   ${fmt(backbone.ms, 7)} ms`);
    console.log(`  of which the relay published all in ${fmt(backbone.relayMs, 7)} ms (${fmt((N / backbone.relayMs) * 1000, 0)} events/s)`);
    console.log(`ratio (Hearth / raw)              ${(ratio * 100).toFixed(1).padStart(8)} %   (target ≥ 50 %)`);
    const latency = await latencyAtRate(producer, consumer, broker.brokers, RATE, SECONDS);
    console.log('');
    console.log(`end-to-end latency at ${RATE} events/s offered for ${SECONDS} s (outbox row written → consumer handler, inbox row in its transaction):`);
    console.log(`  delivered ${latency.count} / ${latency.offered}, achieved ${fmt(latency.achievedRate, 0)} events/s offered`);
    console.log(`  of which outbox commit → published by the relay: p50 ${Number(latency.relayLag.p50).toFixed(1)} ms, p99 ${Number(latency.relayLag.p99).toFixed(1)} ms`);
    console.log(`  p50 ${latency.p50.toFixed(1)} ms   p99 ${latency.p99.toFixed(1)} ms   max ${latency.max.toFixed(1)} ms   (target p99 ≤ 200 ms)`);
  } finally {
    for (const db of [producer, consumer]) {
      await db.dataSource.destroy();
      await dropDatabase(db.database);
    }
    await broker.stop();
  }
}

async function rawKafkajs(brokers: string[], count: number) {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench.raw.${randomUUID().slice(0, 8)}`;
  const producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 50 }); // as the backbone's consumer
  await producer.connect();
  await producer.send({ topic, messages: [{ key: 'warm-up', value: 'x' }] });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  let ready!: () => void;
  const joined = new Promise<void>((resolve) => (ready = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => ready());
  await consumer.run({
    partitionsConsumedConcurrently: 4, // as the backbone's consumer
    eachBatch: async ({ batch }) => {
      received += batch.messages.length;
      if (received >= count) done();
    },
  });
  await joined;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const payload = JSON.stringify({ type: 'LandlordRegistered', payload: { landlordId: randomUUID() } });
  const started = performance.now();
  for (let sent = 0; sent < count; sent += 500) {
    const messages = Array.from({ length: Math.min(500, count - sent) }, (_, i) => ({ key: String((sent + i) % 1000), value: payload }));
    await producer.send({ topic, acks: -1, messages });
  }
  await finished;
  const ms = performance.now() - started;
  await consumer.disconnect();
  await producer.disconnect();
  return { ms, eventsPerSecond: (count / ms) * 1000 };
}

type ServiceDatabase = Awaited<ReturnType<typeof serviceDatabase>>;

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
    new OutboxRelay({ connectionString: databaseUrl(TEST_DATABASE_SERVER_URL, producer.database), producer: transport.producer(), logger });
  const outbox = new EventOutbox('landlords');
  const append = (count: number) =>
    producerWork.run((manager) =>
      outbox.append(
        manager,
        Array.from({ length: count }, () => {
          const landlordId = randomUUID();
          return newEvent(definition, { aggregateId: landlordId, aggregateVersion: 1, payload: { landlordId, kind: 'individual', status: 'prospect' }, actor: SYSTEM_ACTOR });
        }),
      ),
    );
  const child = fork(__filename, ['--role', 'consumer', '--topic', topic, '--database', consumer.database, '--brokers', brokers.join(',')], {
    execArgv: ['-r', require.resolve('../../../tools/register.js')],
  });
  const ask = <T>(request: string, argument?: number) =>
    new Promise<T>((resolve) => {
      child.once('message', (reply) => resolve(reply as T));
      child.send({ request, argument });
    });
  return {
    relay,
    append,
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

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await sleep(5);
  }
}

/** Throughput: the outbox already holds N events (written 100 per transaction); timed from the
 *  relay's start until the consumer has applied the last one. The consumer has joined before. */
async function outboxToInbox(producer: ServiceDatabase, consumer: ServiceDatabase, brokers: string[], count: number) {
  const { relay, append, consumerStarted, consumedAt, stopConsumer } = backbone(producer, consumer, brokers, 'throughput');
  const warmUp = relay();
  await warmUp.start();
  await consumerStarted();
  await append(1);
  await consumedAt(1);
  await warmUp.stop();
  for (let written = 0; written < count; written += 100) await append(Math.min(100, count - written));
  const measured = relay();
  const done = consumedAt(count + 1);
  const started = Date.now();
  await measured.start();
  const ms = (await done) - started;
  await measured.stop();
  const [{ last }] = await producer.dataSource.query('SELECT max(published_at) AS last FROM outbox');
  const relayMs = new Date(last).getTime() - started;
  await stopConsumer();
  return { ms, eventsPerSecond: (count / ms) * 1000, relayMs };
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

  const offered = rate * seconds;
  const tickMs = 10;
  const perTick = (rate * tickMs) / 1000;
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let tick = 0; tick * perTick < offered; tick++) {
    const wait = started + tick * tickMs - performance.now();
    if (wait > 0) await sleep(wait);
    for (let i = 0; i < perTick; i++) pending.push(append(1));
  }
  await Promise.all(pending);
  const achievedRate = (offered / (performance.now() - started)) * 1000;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, width: number) => Math.round(n).toLocaleString('en-US').padStart(width);
const pgVersion = async (ds: DataSource): Promise<string> => ((await ds.query('SHOW server_version'))[0].server_version as string).split(' ')[0];

(args.role === 'consumer' ? consumerRole(args.topic!, args.database!, args.brokers!) : main()).then(
  () => args.role === 'consumer' || process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
