import { AuthModule, authConfigSchema, CurrentActor, Roles, type Actor } from '@hearth/auth';
import { signJwt, TEST_AUDIENCE, TEST_AUTH_ENV, TEST_ISSUER } from '@hearth/auth/test-signing-key';
import { configureHttpApp, PlatformModule } from '@hearth/platform';
import { eventually } from '@hearth/platform/test-support';
import { Body, Controller, Injectable, Module, Post, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { databaseUrl, DatabaseModule, idempotencyMigrations, UnitOfWork, type IdempotencyOptions } from '../src';

// @hearth/testing depends on this lib, so this test brings its own few helpers.
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

async function queryDatabase<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl(SERVER_URL, database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

interface TestApp {
  app: INestApplication;
  http: TestAgent;
  database: string;
}

class CreateNotes1799000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE notes (id uuid PRIMARY KEY, text text NOT NULL)');
  }
  async down(): Promise<void> {}
}

/** Lets a test hold a command inside its transaction until it says so. */
const holds = new Map<string, { reached: () => void; release: Promise<void> }>();

@Injectable()
class Notes {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  add(text: string, hold?: string): Promise<{ id: string; text: string }> {
    return this.unitOfWork.run(async (manager) => {
      const id = randomUUID();
      await manager.query('INSERT INTO notes (id, text) VALUES ($1, $2)', [id, text]);
      if (hold) {
        holds.get(hold)!.reached();
        await holds.get(hold)!.release;
      }
      return { id, text };
    });
  }
}

@Controller('notes')
class NotesController {
  constructor(private readonly notes: Notes) {}

  @Post()
  @Roles('sra_staff')
  add(@Body() body: { text: string; hold?: string }, @CurrentActor() _actor: Actor) {
    return this.notes.add(body.text, body.hold);
  }
}

@Module({})
class NotesModule {
  static forRoot(database: string, idempotency: IdempotencyOptions): DynamicModule {
    return {
      module: NotesModule,
      imports: [
        PlatformModule.forRoot({ service: 'idempotency-test', logLevel: 'silent' }),
        AuthModule.forRoot(authConfigSchema.parse(TEST_AUTH_ENV)),
        DatabaseModule.forRoot({ serverUrl: SERVER_URL, database, entities: [], migrations: [...idempotencyMigrations, CreateNotes1799000000000], idempotency }),
      ],
      controllers: [NotesController],
      providers: [Notes],
    };
  }
}

describe('Idempotency-Key', () => {
  const actorId = `staff-${randomUUID()}`;
  const staff = { Authorization: `Bearer ${testToken(actorId)}` };
  const services: TestApp[] = [];
  const start = async (idempotency: IdempotencyOptions = {}): Promise<TestApp> => {
    const database = `test_idempotency_${randomBytes(4).toString('hex')}`;
    const app = await NestFactory.create(NotesModule.forRoot(database, idempotency), { logger: false, abortOnError: false });
    configureHttpApp(app, { title: 'test', description: 'test', version: '0' });
    await app.init();
    const service = { app, http: request(app.getHttpServer()), database };
    services.push(service);
    return service;
  };
  const notesWith = async (service: TestApp, text: string) =>
    (await queryDatabase<{ id: string }>(service.database, 'SELECT id FROM notes WHERE text = $1', [text])).length;

  afterAll(async () => {
    for (const { app, database } of services) {
      await app.close();
      await queryDatabase('postgres', `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  });

  it('replays the first answer to a retry and writes once', async () => {
    const service = await start();

    const first = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'replay-0001').send({ text: 'replay' });
    const again = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'replay-0001').send({ text: 'replay' });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    await expect(notesWith(service, 'replay')).resolves.toBe(1);
  });

  it('stores the answer in the command’s transaction: when storing it fails, the command is undone, and the retry runs it once', async () => {
    const service = await start();
    // A real failure of the database, on the first attempt to store an answer only (a sequence is
    // not transactional, so the count survives the rollback).
    await queryDatabase(
      service.database,
      `CREATE SEQUENCE answer_writes;
       CREATE FUNCTION fail_first_answer() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.status IS NOT NULL AND nextval('answer_writes') = 1 THEN RAISE EXCEPTION 'could not store the answer'; END IF;
         RETURN NEW;
       END $$;
       CREATE TRIGGER fail_first_answer BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION fail_first_answer();`,
    );

    const failed = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'store-fails-01').send({ text: 'once' });
    await expect(notesWith(service, 'once')).resolves.toBe(0);
    const retried = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'store-fails-01').send({ text: 'once' });
    const replayed = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'store-fails-01').send({ text: 'once' });

    expect(failed.status).toBe(500);
    expect(retried.status).toBe(201);
    expect(replayed.body).toEqual(retried.body);
    await expect(notesWith(service, 'once')).resolves.toBe(1);
  });

  it('releases a claim left by a crashed request once its lease is over, but not before', async () => {
    const service = await start({ claimLeaseMs: 60_000 });
    // The row a request leaves when its process dies mid-command: a claim and no answer.
    const leftBy = (key: string, body: object, ago: string) =>
      queryDatabase(
        service.database,
        `INSERT INTO idempotency_keys (actor_id, key, fingerprint, claim_id, claimed_at, created_at) VALUES ($1, $2, $3, $4, now() - $5::interval, now() - $5::interval)`,
        [actorId, key, createHash('sha256').update(`POST /notes ${JSON.stringify(body)}`).digest('hex'), randomUUID(), ago],
      );
    await leftBy('crashed-long-ago', { text: 'after a crash' }, '2 minutes');
    await leftBy('crashed-just-now', { text: 'too early' }, '5 seconds');

    const released = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'crashed-long-ago').send({ text: 'after a crash' });
    const stillHeld = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'crashed-just-now').send({ text: 'too early' });

    expect(released.status).toBe(201);
    expect(stillHeld.status).toBe(409);
    expect(stillHeld.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
    await expect(notesWith(service, 'after a crash')).resolves.toBe(1);
    await expect(notesWith(service, 'too early')).resolves.toBe(0);
  });

  it('lets a request whose claim was taken over commit nothing', async () => {
    const service = await start();
    let reached!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (reached = resolve));
    holds.set('slow', { reached, release: new Promise<void>((resolve) => (release = resolve)) });

    const slow = service.http.post('/notes').set(staff).set('Idempotency-Key', 'taken-over-01').send({ text: 'slow', hold: 'slow' }).then((r) => r);
    await inside;
    // What a second request does once the lease is over: the key is claimed anew.
    await queryDatabase(service.database, 'UPDATE idempotency_keys SET claim_id = $1 WHERE key = $2', [randomUUID(), 'taken-over-01']);
    release();
    const response = await slow;

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('IDEMPOTENCY.CLAIM_LOST');
    await expect(notesWith(service, 'slow')).resolves.toBe(0);
  });

  it('expires a key after its TTL: the key may then name another request', async () => {
    const service = await start({ ttlMs: 1_000, purgeIntervalMs: 3_600_000 });

    await service.http.post('/notes').set(staff).set('Idempotency-Key', 'expiring-0001').send({ text: 'first use' }).expect(201);
    const reused = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'expiring-0001').send({ text: 'second use' });
    const afterExpiry = await eventually(async () => {
      const response = await service.http.post('/notes').set(staff).set('Idempotency-Key', 'expiring-0001').send({ text: 'second use' });
      expect(response.status).toBe(201);
      return response;
    });

    expect(reused.status).toBe(422);
    expect(afterExpiry.body.text).toBe('second use');
    await expect(notesWith(service, 'second use')).resolves.toBe(1);
  });

  it('purges expired keys', async () => {
    const service = await start({ ttlMs: 1_000, purgeIntervalMs: 200 });

    await service.http.post('/notes').set(staff).set('Idempotency-Key', 'purged-00001').send({ text: 'purged' }).expect(201);
    await expect(queryDatabase(service.database, 'SELECT key FROM idempotency_keys')).resolves.toEqual([{ key: 'purged-00001' }]);

    await eventually(async () => expect(await queryDatabase(service.database, 'SELECT key FROM idempotency_keys')).toEqual([]), 10_000);
    await expect(notesWith(service, 'purged')).resolves.toBe(1);
  });
});

/** A staff token signed with the test-only key the app trusts. */
function testToken(sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ sub, role: 'sra_staff', iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + 600 });
}
