import { aLandlordRegistration, bearer, clearRedisPrefix, dropDatabase, eventually, freePort, queryDatabase, ServiceProcess, testEnv } from '@hearth/testing';
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';

/**
 * A 500 caused by the database must not put an owner's personal data in the log: the service
 * runs as its own process logging everything (trace) to a file; requests carry planted markers
 * (an individual owner's name, e-mail and phone number, a search term); real PostgreSQL errors are
 * provoked (a check constraint that refuses every new or changed row, so PostgreSQL reports the
 * whole failing row; a renamed column); then every log line is searched for the markers.
 */
const tag = randomBytes(3).toString('hex').toUpperCase();
// Correlation ids of the provoked requests (not markers: they must be in the log).
const run = randomBytes(3).toString('hex');
const markers = {
  name: `Ann Marker${tag} Peeters`,
  email: `ann.marker${tag.toLowerCase()}@example.org`,
  phone: `+32 470 ${randomInt(10, 100)} ${randomInt(10, 100)} ${randomInt(10, 100)}`,
  search: `Marker${tag}`,
};
const needles = [tag.toLowerCase(), markers.email, markers.phone, markers.phone.replace(/\D/g, '')];

function markersIn(text: string): string[] {
  const lower = text.toLowerCase();
  return needles.filter((needle) => lower.includes(needle));
}

describe('landlords service: error logs without personal data', () => {
  const env = testEnv('landlords', { BANK_ACCOUNT_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'trace' });
  const logDirectory = join(tmpdir(), `hearth-landlords-error-logs-${tag}`);
  const staff = bearer('sra_staff');
  let landlords: ServiceProcess;
  let http: TestAgent;
  let landlordId: string;
  const log = () => readFileSync(join(logDirectory, 'landlords.log'), 'utf8');

  beforeAll(async () => {
    env.PORT = String(await freePort());
    landlords = new ServiceProcess('landlords', env, logDirectory);
    await landlords.start();
    http = request(landlords.url);
    const registered = await http.post('/landlords').set(staff).send(aLandlordRegistration({ name: 'Bo Rivers', contact: { email: 'bo@example.org' } })).expect(201);
    landlordId = registered.body.id;
  }, 60_000);

  afterAll(async () => {
    await landlords?.stop();
    await dropDatabase(env.DATABASE_NAME!);
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
    if (!process.env.KEEP_LOGS) rmSync(logDirectory, { recursive: true, force: true });
  });

  it('logs the 500s of database errors on requests carrying personal data, without any of it', async () => {
    await queryDatabase(env.DATABASE_NAME!, 'ALTER TABLE landlords ADD CONSTRAINT provoked_failure CHECK (false) NOT VALID');
    const body = aLandlordRegistration({ name: markers.name, contact: { email: markers.email, phone: markers.phone } });

    const insert = await http.post('/landlords').set(staff).set('x-correlation-id', `insert-${run}`).send(body);
    const update = await http.post(`/landlords/${landlordId}/verify`).set(staff).set('x-correlation-id', `update-${run}`).send({ reason: markers.name });
    await queryDatabase(env.DATABASE_NAME!, 'ALTER TABLE landlords DROP CONSTRAINT provoked_failure');
    await queryDatabase(env.DATABASE_NAME!, 'ALTER TABLE landlords RENAME COLUMN name TO full_name');
    const search = await http.get(`/landlords?search=${encodeURIComponent(markers.search)}`).set(staff).set('x-correlation-id', `search-${run}`);
    await queryDatabase(env.DATABASE_NAME!, 'ALTER TABLE landlords RENAME COLUMN full_name TO name');

    expect([insert.status, search.status]).toEqual([500, 500]);
    expect([500, 400]).toContain(update.status);
    // The failures are in the log (the test would pass on an empty log otherwise)…
    const text = await eventually(() => {
      const written = log();
      for (const id of [`insert-${run}`, `search-${run}`]) expect(written).toMatch(new RegExp(`"level":50[^\\n]*"correlationId":"${id}"`));
      return written;
    });
    const errorLines = text.split('\n').filter((line) => line.includes('"level":50'));
    expect(errorLines.join('\n')).toContain('provoked_failure');
    expect(errorLines.join('\n')).toContain('23514');
    // …and no marker is, on any line, at any level.
    expect(markersIn(text)).toEqual([]);
  });
});
