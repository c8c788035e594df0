import { databaseUrl } from '@hearth/persistence';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A throw-away database name, unique per test file run. */
export function uniqueDatabaseName(prefix: string): string {
  return `test_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

export async function dropDatabase(name: string, serverUrl = TEST_DATABASE_SERVER_URL): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs one query against a database and returns its rows: tests use it to assert what was
 *  (or was not) written. */
export async function queryDatabase<T = Record<string, unknown>>(
  name: string,
  sql: string,
  params: unknown[] = [],
  serverUrl = TEST_DATABASE_SERVER_URL,
): Promise<T[]> {
  const client = new Client({ connectionString: withDatabase(serverUrl, name) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The URL of one database on a server (the services' own helper, under the name tests know). */
export const withDatabase = databaseUrl;
