import { Body, Controller, Post, type INestApplication } from '@nestjs/common';
import { Public } from '@hearth/auth';
import { stdSerializers } from 'pino';
import request from 'supertest';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { createPlatformApp } from '../test-support/create-platform-app';
import { maskQueryValues, safeErrorSerializer, safeRequestSerializer } from './safe-error.serializer';

const MARKER = 'Ann Okonkwo';
const EMAIL = 'ann.okonkwo@example.org';

/** A database error as TypeORM throws it for a refused INSERT of an owner (pg's fields copied onto it). */
function refusedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('new row for relation "landlords" violates check constraint "landlords_name_check"'), {
    code: '23514',
    detail: `Failing row contains (7c0e, 1, individual, ${MARKER}, {"email": "${EMAIL}"}).`,
    table: 'landlords',
    constraint: 'landlords_name_check',
    schema: 'public',
  });
  return new QueryFailedError('INSERT INTO "landlords" ("name", "contact") VALUES ($1, $2)', [MARKER, { email: EMAIL }], driverError);
}

const inLog = (value: unknown) => JSON.stringify(value);

describe('safeErrorSerializer', () => {
  it('keeps what identifies a database error (type, SQLSTATE, table, constraint, frames) and drops the parameters, SQL and detail', () => {
    const logged = safeErrorSerializer(refusedInsert()) as Record<string, unknown>;

    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      message: 'new row for relation "landlords" violates check constraint "landlords_name_check"',
      code: '23514',
      table: 'landlords',
      constraint: 'landlords_name_check',
    });
    expect(logged.stack).toMatch(/^QueryFailedError: new row for relation "landlords"[^\n]*\n\s+at /);
    expect(Object.keys(logged)).not.toEqual(expect.arrayContaining(['parameters']));
    expect(inLog(logged)).not.toMatch(/Okonkwo|okonkwo|INSERT|Failing row/);
  });

  it('does the same to the error pino-http hands it, already serialised by pino', () => {
    const preSerialised = stdSerializers.err(refusedInsert());

    const logged = safeErrorSerializer(preSerialised);

    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23514' });
    expect(inLog(logged)).not.toMatch(/Okonkwo|okonkwo/);
  });

  it('masks values quoted in messages, keeps identifiers', () => {
    const invalid = new QueryFailedError('SELECT 1', [], Object.assign(new Error(`invalid input syntax for type uuid: "${EMAIL}"`), { code: '22P02' }));
    const duplicate = new QueryFailedError('INSERT', [], Object.assign(new Error(`duplicate key value violates unique constraint "contacts_email" Key (email)=(${EMAIL})`), { code: '23505' }));
    const notFound = new EntityNotFoundError('Landlord', { name: MARKER, contact: { email: EMAIL } });

    expect((safeErrorSerializer(invalid) as { message: string }).message).toBe('invalid input syntax for type uuid: "…"');
    expect((safeErrorSerializer(duplicate) as { message: string }).message).toBe('duplicate key value violates unique constraint "contacts_email" Key (email)=(…)');
    const entity = safeErrorSerializer(notFound) as { message: string; stack: string };
    expect(entity.message).toMatch(/^Could not find any entity of type "Landlord" matching/);
    expect(inLog(entity)).not.toMatch(/Okonkwo|okonkwo/);
  });

  it('cleans causes and aggregated errors too', () => {
    const wrapped = new Error('registering the owner failed', { cause: refusedInsert() });
    const aggregate = new AggregateError([refusedInsert(), new Error(`connect ECONNREFUSED "${EMAIL}"`)], 'two attempts failed');

    const loggedWrapped = safeErrorSerializer(wrapped) as { message: string; cause: { code: string } };
    const loggedAggregate = safeErrorSerializer(aggregate) as { aggregateErrors: unknown[] };

    expect(loggedWrapped.message).toBe('registering the owner failed');
    expect(loggedWrapped.cause.code).toBe('23514');
    expect(loggedAggregate.aggregateErrors).toHaveLength(2);
    expect(inLog([loggedWrapped, loggedAggregate])).not.toMatch(/Okonkwo|okonkwo|Failing row/);
  });

  it('leaves what is not an error as it is', () => {
    expect(safeErrorSerializer('plain text')).toBe('plain text');
    expect(safeErrorSerializer({ reason: 'x' })).toEqual({ reason: 'x' });
  });
});

describe('safeRequestSerializer', () => {
  it('masks the values of the query string, keeps the path and the names', () => {
    expect(maskQueryValues('/landlords?search=Okonkwo&status=active')).toBe('/landlords?search=…&status=…');
    expect(safeRequestSerializer({ method: 'GET', url: `/households?email=${EMAIL}` })).toEqual({ method: 'GET', url: '/households?email=…' });
    expect(safeRequestSerializer({ method: 'GET', url: '/units/42' })).toEqual({ method: 'GET', url: '/units/42' });
  });
});

@Controller('owners')
@Public()
class OwnersController {
  @Post()
  register(@Body() body: { name: string }) {
    throw refusedInsertFor(body.name);
  }
}

function refusedInsertFor(name: string): QueryFailedError {
  return new QueryFailedError('INSERT INTO "landlords" ("name") VALUES ($1)', [name], Object.assign(new Error('violates check constraint "x"'), { code: '23514', detail: `Failing row contains (${name})` }));
}

describe('the log lines of a failed request', () => {
  let app: INestApplication;
  let logs: Record<string, unknown>[];

  beforeAll(async () => {
    ({ app, logs } = await createPlatformApp([OwnersController]));
  });

  afterAll(() => app.close());

  it('carry no personal data from the body, the query string or the error, at any level', async () => {
    await request(app.getHttpServer()).post(`/owners?email=${encodeURIComponent(EMAIL)}`).set('x-correlation-id', 'owners-500').send({ name: MARKER }).expect(500);
    const malformed = await request(app.getHttpServer()).post('/owners').set('x-correlation-id', 'owners-400').set('Content-Type', 'application/json').send(`{"name": "${MARKER}", oops}`);

    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe('The request body is not valid JSON');
    const lines = logs.filter((line) => ['owners-500', 'owners-400'].includes(line['correlationId'] as string));
    expect(lines.filter((line) => line['level'] === 50).length).toBeGreaterThanOrEqual(2);
    expect(inLog(lines)).toContain('23514');
    expect(inLog(lines)).not.toMatch(/Okonkwo|okonkwo/);
  });
});
