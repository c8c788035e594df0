import { databaseUrl, ensureDatabase, runMigrationsExclusively } from '@hearth/persistence';
import { dropDatabase, TEST_DATABASE_SERVER_URL, uniqueDatabaseName } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateMessagingTables1763800000000, messagingMigrations } from '../src';

/** A database created before the outbox stored its wire format keeps its pending events sendable. */
describe('outbox wire-format migration', () => {
  const database = uniqueDatabaseName('outbox_migration');
  const url = () => databaseUrl(TEST_DATABASE_SERVER_URL, database);

  afterAll(() => dropDatabase(database));

  it('turns the envelope into JSON text and fills the headers of rows already in the outbox', async () => {
    await ensureDatabase(TEST_DATABASE_SERVER_URL, database);
    const before = await new DataSource({ type: 'postgres', url: url(), migrations: [CreateMessagingTables1763800000000] }).initialize();
    const eventId = randomUUID();
    const correlationId = randomUUID();
    try {
      await runMigrationsExclusively(before);
      await before.query(
        `INSERT INTO outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, 'hearth.landlords', 'k', 'LandlordRegistered', $2)`,
        [eventId, JSON.stringify({ id: eventId, type: 'LandlordRegistered', version: 1, correlationId, causationId: null, payload: { a: 1 } })],
      );
    } finally {
      await before.destroy();
    }

    const after = await new DataSource({ type: 'postgres', url: url(), migrations: messagingMigrations }).initialize();
    try {
      await runMigrationsExclusively(after);
      const [row] = await after.query(
        `SELECT headers, envelope::text AS value, pg_typeof(envelope)::text AS envelope_type FROM outbox WHERE event_id = $1`,
        [eventId],
      );
      expect(row.envelope_type).toBe('json');
      expect(JSON.parse(row.value)).toMatchObject({ id: eventId, correlationId, payload: { a: 1 } });
      expect(row.headers).toEqual({
        'x-event-id': eventId,
        'x-event-type': 'LandlordRegistered',
        'x-event-version': '1',
        'x-correlation-id': correlationId,
      });
    } finally {
      await after.destroy();
    }
  });
});
