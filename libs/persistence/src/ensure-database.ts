import { Client } from 'pg';
import { databaseUrl } from './database-url';
import { isUniqueViolation } from './unique-violation';

const DUPLICATE_DATABASE = '42P04';

/** Creates the service's database on first start; a concurrent creator is not an error. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z0-9_]+$/i.test(database)) throw new Error(`Refusing unsafe database name "${database}"`);
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE && !isUniqueViolation(error)) throw error;
  } finally {
    await client.end();
  }
}
