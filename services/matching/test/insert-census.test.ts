import { databaseUrl, ensureDatabase } from '@hearth/persistence';
import { dropDatabase, TEST_DATABASE_SERVER_URL, uniqueDatabaseName } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { insertCensus } from '../src/allocation-runs/commands/execute-run/insert-census';
import { matchingMigrations } from '../src/migrations';

describe("storing a run's census in pieces", () => {
  const database = uniqueDatabaseName('matching_census');
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(TEST_DATABASE_SERVER_URL, database);
    dataSource = await new DataSource({ type: 'postgres', url: databaseUrl(TEST_DATABASE_SERVER_URL, database), migrations: matchingMigrations }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(database);
  });

  const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  it('joins pieces cut in the middle of a character back into the same JSON, leaves absent fields NULL, and drops the pieces at commit', async () => {
    const runId = randomUUID();
    await dataSource.query(
      `INSERT INTO allocation_runs (id, version, status, mode, policy, requested_by, engine_version) VALUES ($1, 1, 'running', 'optimal', '{}', '{}', 'test')`,
      [runId],
    );
    // 'é' is 2 bytes and '€' 3 in UTF-8; a note of 16 characters moves the first 1 MB cut inside one.
    const instance = { note: 'x'.repeat(16), applicants: Array.from({ length: 60_000 }, (_, i) => ({ id: `a${i}`, district: 'Ixelles-é€' })) };
    const references = { a0: 'HX-2222' };
    const result = { mode: 'optimal', assignments: [], totalScore: 0 };
    const bytes = utf8(instance);
    expect(bytes.byteLength).toBeGreaterThan(2 * 1024 * 1024);
    expect(bytes[1024 * 1024] & 0xc0).toBe(0x80); // a continuation byte: the first cut splits a character

    const runner = dataSource.createQueryRunner();
    let piecesLeft: unknown;
    try {
      await runner.manager.transaction((manager) =>
        insertCensus(manager, runId, { instance: bytes, householdReferences: utf8(references), result: utf8(result), certificate: null, frontier: null }),
      );
      [{ piecesLeft }] = await runner.query(`SELECT to_regclass('pg_temp.census_pieces') IS NOT NULL AS "piecesLeft"`);
    } finally {
      await runner.release();
    }

    const [row] = await dataSource.query(
      `SELECT instance::text AS instance, household_references::text AS refs, result::text AS result, certificate, frontier FROM allocation_run_census WHERE run_id = $1`,
      [runId],
    );
    expect(row.instance).toBe(JSON.stringify(instance));
    expect(row.refs).toBe(JSON.stringify(references));
    expect(row.result).toBe(JSON.stringify(result));
    expect(row.certificate).toBeNull();
    expect(row.frontier).toBeNull();
    expect(piecesLeft).toBe(false);
  });

  it('writes nothing when the transaction fails, and the next census goes in on the same connection', async () => {
    const runId = randomUUID();
    await dataSource.query(
      `INSERT INTO allocation_runs (id, version, status, mode, policy, requested_by, engine_version) VALUES ($1, 1, 'running', 'priority', '{}', '{}', 'test')`,
      [runId],
    );
    const census = { instance: utf8({ applicants: [] }), householdReferences: utf8({}), result: utf8({ mode: 'priority' }), certificate: null, frontier: null };
    const runner = dataSource.createQueryRunner();
    try {
      await expect(
        runner.manager.transaction(async (manager) => {
          await insertCensus(manager, runId, census);
          throw new Error('the rest of the store failed');
        }),
      ).rejects.toThrow('the rest of the store failed');
      expect(await dataSource.query('SELECT run_id FROM allocation_run_census WHERE run_id = $1', [runId])).toEqual([]);

      await runner.manager.transaction((manager) => insertCensus(manager, runId, census));
    } finally {
      await runner.release();
    }
    expect(await dataSource.query('SELECT result::text AS result FROM allocation_run_census WHERE run_id = $1', [runId])).toEqual([{ result: '{"mode":"priority"}' }]);
  });
});
