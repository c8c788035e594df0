import { defineEvent, dlqTopic, EventHeaders, LandlordRegistered } from '@hearth/contracts';
import { databaseUrl, ensureDatabase, runMigrationsExclusively, UnitOfWork } from '@hearth/persistence';
import { createLogger, TransientError } from '@hearth/platform';
import { anEnvelope, eventually, PrivatePostgres, readTopic, requiredBrokers, TestProducer } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { EventConsumerRunner, KafkaTransport, messagingMigrations, on, OutboxRelay, ParkedEvents, Subscription } from '../src';
import { EventOutbox, newEvent } from '../src';

class CreateEffects1763800009999 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE effects (seq bigserial PRIMARY KEY, landlord_id uuid NOT NULL, aggregate_version int NOT NULL, note text)');
  }
  async down(): Promise<void> {}
}

/** Every warning the consumer logs, so a test can wait for the positive signal that it is retrying. */
const warnings: string[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg as string) });

/** A later version of LandlordRegistered, which a newer consumer would understand. */
const LandlordRegisteredV2 = defineEvent({
  type: 'LandlordRegistered',
  version: 2,
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({ landlordId: z.uuid(), kind: z.enum(['individual', 'company']), status: z.literal('prospect'), channel: z.string() }),
});

/**
 * The consumer against failures provoked for real: its own PostgreSQL server stopped and started
 * again, a handler with a bug, a version it does not know yet.
 */
describe('event consumer under faults', () => {
  let postgres: PrivatePostgres;
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;
  let transport: KafkaTransport;
  let producer: TestProducer;
  const database = 'hearth_consumer_faults';
  const stoppers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    await ensureDatabase(postgres.url, database);
    dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl(postgres.url, database),
      migrations: [...messagingMigrations, CreateEffects1763800009999],
      extra: { max: 6, connectionTimeoutMillis: 10_000 },
    }).initialize();
    await runMigrationsExclusively(dataSource);
    unitOfWork = new UnitOfWork(dataSource);
    transport = new KafkaTransport({ clientId: 'consumer-faults', brokers: requiredBrokers().split(','), idempotent: false, logger: createLogger('test', 'silent') });
    producer = await TestProducer.connect();
  }, 60_000);

  afterEach(async () => {
    while (stoppers.length) await stoppers.pop()!();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await dataSource?.destroy().catch(() => undefined);
    postgres?.destroy();
  });

  function runner(name: string, subscriptions: Subscription[]): EventConsumerRunner {
    const consumer = new EventConsumerRunner({
      consumerName: name,
      dlqTopic: dlqTopic(name),
      consumer: transport.consumer(`${name}-${randomUUID().slice(0, 8)}`),
      dlqProducer: transport.producer(),
      unitOfWork,
      parkedEvents: new ParkedEvents(dataSource, name),
      subscriptions,
      logger,
      maxAttempts: 3,
      initialBackoffMs: 20,
      maxTransientBackoffMs: 500,
      heldRetryIntervalMs: 500,
    });
    stoppers.push(() => consumer.stop());
    return consumer;
  }

  const recordEffect = (landlordId: string, version: number, note: string | null = null) =>
    unitOfWork.run((m) => m.query('INSERT INTO effects (landlord_id, aggregate_version, note) VALUES ($1, $2, $3)', [landlordId, version, note]));

  const effectsFor = async (ids: string[]) =>
    (await dataSource.query('SELECT landlord_id, aggregate_version, note FROM effects WHERE landlord_id = ANY($1) ORDER BY seq', [ids])) as {
      landlord_id: string;
      aggregate_version: number;
      note: string | null;
    }[];

  async function publish(topic: string, landlordId: string, aggregateVersion: number, version = 1, extra: Record<string, unknown> = {}): Promise<string> {
    const envelope = anEnvelope({
      type: 'LandlordRegistered',
      version,
      source: 'landlords',
      aggregateType: 'Landlord',
      aggregateId: landlordId,
      aggregateVersion,
      payload: { landlordId, kind: 'company', status: 'prospect', ...extra },
    });
    await producer.send(topic, landlordId, envelope, {
      [EventHeaders.eventId]: envelope.id,
      [EventHeaders.eventType]: envelope.type,
      [EventHeaders.eventVersion]: String(version),
    });
    return envelope.id;
  }

  const openParked = async (consumer: string) =>
    (await dataSource.query('SELECT kind, event_type, event_version, message_key FROM parked_events WHERE consumer = $1 AND resolved_at IS NULL ORDER BY id', [consumer])) as {
      kind: string;
      event_version: number;
      message_key: string;
    }[];

  it('waits out a database outage: events consumed while PostgreSQL is down are applied once it is back, once each, none dead-lettered', async () => {
    const topic = `hearth.db-outage-${randomUUID().slice(0, 8)}`;
    await runner('db-outage', [on({ ...LandlordRegistered, topic }, (e) => recordEffect(e.payload.landlordId, e.aggregateVersion))]).start();
    const before = randomUUID();
    await publish(topic, before, 1);
    await eventually(async () => expect(await effectsFor([before])).toHaveLength(1), 30_000);

    warnings.length = 0;
    postgres.stop();
    const during = Array.from({ length: 12 }, () => randomUUID());
    try {
      for (const id of during) await publish(topic, id, 1);
      // The positive signal: the consumer has met the outage and is waiting, not dead-lettering.
      await eventually(() => expect(warnings).toContain('a dependency is unavailable; waiting, then trying the same events again'), 30_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // an outage of several seconds, longer than all DLQ retries
    } finally {
      postgres.resume();
    }

    await eventually(async () => expect(await effectsFor(during)).toHaveLength(12), 60_000);
    expect(new Set((await effectsFor(during)).map((row) => row.landlord_id))).toEqual(new Set(during));
    expect(await openParked('db-outage')).toEqual([]);
    expect(await readTopic(dlqTopic('db-outage'))).toEqual([]);
  });

  it('retries a handler failing for a transient reason until it passes, without dead-lettering it', async () => {
    const topic = `hearth.transient-${randomUUID().slice(0, 8)}`;
    let failuresLeft = 8; // more than maxAttempts: a deterministic failure would have been dead-lettered
    await runner('transient', [
      on({ ...LandlordRegistered, topic }, async (e) => {
        if (failuresLeft-- > 0) throw new TransientError('lock timeout on a hot row');
        await recordEffect(e.payload.landlordId, e.aggregateVersion);
      }),
    ]).start();
    const id = randomUUID();
    await publish(topic, id, 1);

    await eventually(async () => expect(await effectsFor([id])).toHaveLength(1), 30_000);
    expect(failuresLeft).toBeLessThan(0);
    expect(await openParked('transient')).toEqual([]);
  });

  it('dead-letters an event its handler keeps refusing, and a replay after the fix reaches the read model exactly once', async () => {
    const topic = `hearth.replay-${randomUUID().slice(0, 8)}`;
    let bugFixed = false;
    const consumer = runner('replay', [
      on({ ...LandlordRegistered, topic }, async (e) => {
        if (!bugFixed && e.payload.kind === 'company') throw new Error('handler bug: companies not supported');
        await recordEffect(e.payload.landlordId, e.aggregateVersion, 'replayed');
      }),
    ]);
    await consumer.start();
    const doomed = randomUUID();
    const eventId = await publish(topic, doomed, 1);
    const after = randomUUID();
    await publish(topic, after, 1, 1, { kind: 'individual' });

    await eventually(async () => expect(await effectsFor([after])).toHaveLength(1), 30_000); // the partition kept flowing
    await eventually(async () => expect(await openParked('replay')).toMatchObject([{ kind: 'dead_letter', message_key: doomed }]), 30_000);
    const [dead] = await eventually(async () => {
      const messages = await readTopic(dlqTopic('replay'));
      expect(messages).toHaveLength(1);
      return messages;
    });
    expect(dead.headers[EventHeaders.dlqError]).toBe('handler bug: companies not supported');
    expect(await effectsFor([doomed])).toEqual([]);

    bugFixed = true;
    await expect(consumer.replayDeadLetters([eventId])).resolves.toEqual([expect.objectContaining({ eventId, outcome: 'applied' })]);
    await expect(consumer.replayDeadLetters([eventId])).resolves.toEqual([]); // resolved: nothing left to replay
    expect(await effectsFor([doomed])).toEqual([{ landlord_id: doomed, aggregate_version: 1, note: 'replayed' }]);
    expect(await openParked('replay')).toEqual([]);
  });

  it('holds a version it does not know, with the later events of that aggregate, and applies them in order once a consumer that understands it runs', async () => {
    const topic = `hearth.held-${randomUUID().slice(0, 8)}`;
    const handleV1 = (e: { payload: { landlordId: string }; aggregateVersion: number }) => recordEffect(e.payload.landlordId, e.aggregateVersion, 'v1');
    const old = runner('held', [on({ ...LandlordRegistered, topic }, handleV1)]);
    await old.start();
    const held = randomUUID();
    const other = randomUUID();
    await publish(topic, held, 1, 2, { channel: 'self-service' }); // v2: not understood by this consumer
    await publish(topic, held, 2); // v1 of the same aggregate: must wait behind it
    await publish(topic, other, 1); // another aggregate flows on

    await eventually(async () => expect(await effectsFor([other])).toHaveLength(1), 30_000);
    await eventually(async () =>
      expect(await openParked('held')).toEqual([
        expect.objectContaining({ kind: 'held', event_version: 2, message_key: held }),
        expect.objectContaining({ kind: 'held', event_version: 1, message_key: held }),
      ]),
    );
    expect(await effectsFor([held])).toEqual([]);
    await old.stop();

    // A newer consumer (same inbox name) understands version 2.
    await runner('held', [
      on({ ...LandlordRegistered, topic }, handleV1),
      on({ ...LandlordRegisteredV2, topic }, (e) => recordEffect(e.payload.landlordId, e.aggregateVersion, `v2 via ${e.payload.channel}`)),
    ]).start();

    await eventually(async () => expect(await effectsFor([held])).toHaveLength(2), 30_000);
    expect(await effectsFor([held])).toEqual([
      { landlord_id: held, aggregate_version: 1, note: 'v2 via self-service' },
      { landlord_id: held, aggregate_version: 2, note: 'v1' },
    ]);
    expect(await openParked('held')).toEqual([]);
  });

  it('keeps relaying through a database outage: the relay waits, then publishes what is committed after it, in order, once', async () => {
    const topic = `hearth.relay-outage-${randomUUID().slice(0, 8)}`;
    const relay = new OutboxRelay({ connectionString: databaseUrl(postgres.url, database), producer: transport.producer(), logger, pollIntervalMs: 200, leadershipRetryMs: 200 });
    stoppers.push(() => relay.stop());
    await relay.start();
    const outbox = new EventOutbox('landlords');
    const append = (id: string) =>
      unitOfWork.run((manager) =>
        outbox.append(manager, [newEvent({ ...LandlordRegistered, topic }, { aggregateId: id, aggregateVersion: 1, payload: { landlordId: id, kind: 'company', status: 'prospect' }, actor: { id: 'system', role: 'system' } })]),
      );
    const first = randomUUID();
    await append(first);
    await eventually(async () => expect((await readTopic(topic)).map((m) => m.key)).toEqual([first]), 30_000);

    warnings.length = 0;
    postgres.stop();
    try {
      await eventually(() => expect(warnings.some((w) => w.startsWith('outbox relay'))).toBe(true), 30_000);
    } finally {
      postgres.resume();
    }
    const second = randomUUID();
    await eventually(() => append(second), 30_000);

    await eventually(async () => expect((await readTopic(topic)).map((m) => m.key)).toEqual([first, second]), 30_000);
  });
});
