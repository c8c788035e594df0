import { dlqTopic, LandlordRegistered, SYSTEM_ACTOR, Topics } from '@hearth/contracts';
import { databaseUrl, ensureDatabase, runMigrationsExclusively, UnitOfWork } from '@hearth/persistence';
import { createLogger } from '@hearth/platform';
import { dropDatabase, eventually, KafkaTestBroker, readTopic, TEST_DATABASE_SERVER_URL, uniqueDatabaseName } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  EventConsumerRunner,
  EventOutbox,
  KafkaTransport,
  messagingMigrations,
  newEvent,
  on,
  OutboxRelay,
  ParkedEvents,
} from '../src';

class CreateEffects1763800009999 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE effects (seq bigserial PRIMARY KEY, landlord_id uuid NOT NULL, aggregate_version int NOT NULL)');
  }
  async down(): Promise<void> {}
}

const logger = createLogger('messaging-test').child({}, { level: 'silent' });

/**
 * The backbone on its own: outbox → relay → a dedicated test broker (so freezing it disturbs no
 * other suite) → consumer with inbox, over a throw-away database.
 */
describe('outbox relay and inbox consumer', () => {
  let broker: KafkaTestBroker;
  let database: string;
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;
  let transport: KafkaTransport;
  const outbox = new EventOutbox('landlords');
  const stoppers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    broker = await KafkaTestBroker.start();
    database = uniqueDatabaseName('messaging');
    await ensureDatabase(TEST_DATABASE_SERVER_URL, database);
    dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl(TEST_DATABASE_SERVER_URL, database),
      migrations: [...messagingMigrations, CreateEffects1763800009999],
    }).initialize();
    await runMigrationsExclusively(dataSource);
    unitOfWork = new UnitOfWork(dataSource);
    transport = new KafkaTransport({ clientId: 'messaging-test', brokers: broker.brokers, idempotent: false, logger });
  });

  afterEach(async () => {
    while (stoppers.length) await stoppers.pop()!();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(database);
    await broker?.stop();
  });

  function startRelay(): OutboxRelay {
    const relay = new OutboxRelay({
      connectionString: databaseUrl(TEST_DATABASE_SERVER_URL, database),
      producer: transport.producer(),
      logger,
      pollIntervalMs: 200,
      leadershipRetryMs: 200,
    });
    stoppers.push(() => relay.stop());
    return relay;
  }

  function startConsumer(name: string, handle: (landlordId: string, version: number) => Promise<void>, topic: string = Topics.landlords) {
    const runner = new EventConsumerRunner({
      consumerName: name,
      dlqTopic: dlqTopic(name),
      consumer: transport.consumer(name),
      dlqProducer: transport.producer(),
      unitOfWork,
      parkedEvents: new ParkedEvents(dataSource, name),
      subscriptions: [on({ ...LandlordRegistered, topic }, (e) => handle(e.payload.landlordId, e.aggregateVersion))],
      logger,
      maxAttempts: 3,
      initialBackoffMs: 20,
    });
    stoppers.push(() => runner.stop());
    return runner.start();
  }

  const recordEffect = (landlordId: string, version: number) =>
    unitOfWork.run((m) => m.query('INSERT INTO effects (landlord_id, aggregate_version) VALUES ($1, $2)', [landlordId, version]));

  async function appendRegistrations(count: number, landlordId: () => string = randomUUID, topic?: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = landlordId();
      ids.push(id);
      await unitOfWork.run((manager) =>
        outbox.append(manager, [
          newEvent(topic ? { ...LandlordRegistered, topic } : LandlordRegistered, {
            aggregateId: id,
            aggregateVersion: i + 1,
            payload: { landlordId: id, kind: 'company', status: 'prospect' },
            actor: SYSTEM_ACTOR,
          }),
        ]),
      );
    }
    return ids;
  }

  const unpublished = async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n);
  const effectsFor = async (ids: string[]) =>
    (await dataSource.query('SELECT landlord_id, aggregate_version FROM effects WHERE landlord_id = ANY($1) ORDER BY seq', [ids])) as {
      landlord_id: string;
      aggregate_version: number;
    }[];

  it('keeps every event while the broker is frozen and delivers each exactly once when it is back', async () => {
    const topic = `hearth.outage-${randomUUID().slice(0, 8)}`;
    const relay = startRelay();
    await relay.start();
    await startConsumer('outage', recordEffect, topic);
    const before = await appendRegistrations(20, randomUUID, topic);
    await eventually(async () => expect(await effectsFor(before)).toHaveLength(20), 30_000);

    broker.freeze();
    let during: string[];
    try {
      during = await appendRegistrations(30, randomUUID, topic);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await unpublished()).toBeGreaterThan(0);
    } finally {
      broker.thaw();
    }

    await eventually(async () => expect(await unpublished()).toBe(0), 60_000);
    await eventually(async () => expect(await effectsFor(during)).toHaveLength(30), 60_000);
    const onTopic = new Set((await readTopic(topic, broker.brokers.join(','))).map((m) => m.headers['x-event-id']));
    expect(onTopic.size).toBe(50);
    expect(await effectsFor([...before, ...during])).toHaveLength(50);
  });

  it('delivers one aggregate’s events in the order they were committed', async () => {
    const topic = `hearth.order-${randomUUID().slice(0, 8)}`;
    const landlordId = randomUUID();
    await startRelay().start();
    await startConsumer('order', recordEffect, topic);

    await appendRegistrations(40, () => landlordId, topic);

    const applied = await eventually(async () => {
      const rows = await effectsFor([landlordId]);
      expect(rows).toHaveLength(40);
      return rows;
    }, 30_000);
    expect(applied.map((r) => r.aggregate_version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('retries a failing handler, then dead-letters the event and keeps the partition flowing', async () => {
    const topic = `hearth.retry-${randomUUID().slice(0, 8)}`;
    const attempts = new Map<string, number>();
    const doomed = randomUUID();
    await startRelay().start();
    await startConsumer(
      'retry',
      async (landlordId, version) => {
        attempts.set(landlordId, (attempts.get(landlordId) ?? 0) + 1);
        await recordEffect(landlordId, version);
        if (landlordId === doomed) throw new Error('downstream rejected it');
      },
      topic,
    );

    const [first] = await appendRegistrations(1, () => doomed, topic);
    const [second] = await appendRegistrations(1, () => doomed, topic).catch(() => [doomed]);
    expect(second).toBe(first);
    const after = await appendRegistrations(5, randomUUID, topic);

    await eventually(async () => expect(await effectsFor(after)).toHaveLength(5), 30_000);
    const dead = await eventually(async () => {
      const messages = await readTopic(dlqTopic('retry'), broker.brokers.join(','));
      expect(messages).toHaveLength(2);
      return messages;
    });
    expect(dead[0].headers['x-dlq-error']).toBe('downstream rejected it');
    // 3 attempts for each of its two events, plus the failed attempt(s) of the batch fast path
    expect(attempts.get(doomed)).toBeGreaterThanOrEqual(6);
    expect(attempts.get(doomed)).toBeLessThanOrEqual(8);
    expect(await effectsFor([doomed])).toHaveLength(0); // each failed attempt rolled back
  });

  it('publishes an event whose transaction commits after later ones, behind the relay’s cursor', async () => {
    const topic = `hearth.late-${randomUUID().slice(0, 8)}`;
    const relay = startRelay();
    await relay.start();
    const late = randomUUID();
    const slowTransaction = dataSource.createQueryRunner();
    await slowTransaction.connect();
    try {
      await slowTransaction.startTransaction();
      await outbox.append(slowTransaction.manager, [
        newEvent({ ...LandlordRegistered, topic }, { aggregateId: late, aggregateVersion: 1, payload: { landlordId: late, kind: 'company', status: 'prospect' }, actor: SYSTEM_ACTOR }),
      ]);
      const [{ seq: lateSeq }] = await slowTransaction.query('SELECT max(seq) AS seq FROM outbox');
      const onTime = await appendRegistrations(5, randomUUID, topic); // higher seqs, committed first
      const publishedOnTime = async () =>
        Number((await dataSource.query('SELECT count(*) AS n FROM outbox WHERE message_key = ANY($1) AND published_at IS NOT NULL', [onTime]))[0].n);
      await eventually(async () => expect(await publishedOnTime()).toBe(5));
      await slowTransaction.commitTransaction();

      await eventually(async () => expect(await unpublished()).toBe(0), 10_000);
      const [row] = await dataSource.query('SELECT seq, published_at FROM outbox WHERE message_key = $1', [late]);
      expect(Number(row.seq)).toBe(Number(lateSeq));
      const keys = (await readTopic(topic, broker.brokers.join(','))).map((m) => m.key);
      expect(keys).toHaveLength(6);
      expect(new Set(keys)).toEqual(new Set([late, ...onTime]));
    } finally {
      await slowTransaction.release();
    }
  });

  it('lets exactly one relay lead, and another take over when it stops', async () => {
    const first = startRelay();
    const second = startRelay();
    await first.start();
    await eventually(() => expect(first.isLeader).toBe(true));
    await second.start();
    // The positive signal: the second relay has asked for the lock twice and was refused both times.
    await eventually(() => expect(second.leadershipAttempts).toBeGreaterThanOrEqual(2), 10_000);
    expect(second.isLeader).toBe(false);

    await first.stop();
    await appendRegistrations(3);

    await eventually(() => expect(second.isLeader).toBe(true), 10_000);
    await eventually(async () => expect(await unpublished()).toBe(0), 10_000);
  });
});
