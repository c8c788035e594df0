import { spawnSync } from 'node:child_process';
import { Client } from 'pg';

const AUTH_FAILURES = new Set(['28P01', '28000']);

/**
 * The URL of the local server for user postgres. A fresh Debian install asks for a password on
 * TCP; then we give the postgres user a development password (through the local socket).
 */
export async function localPostgresUrl(): Promise<string> {
  const trusted = 'postgres://postgres@127.0.0.1:5432';
  if (await canConnect(trusted)) return trusted;
  const withPassword = 'postgres://postgres:postgres@127.0.0.1:5432';
  if (await canConnect(withPassword)) return withPassword;
  console.log('Setting a development password for the local postgres user…');
  spawnSync('su', ['postgres', '-c', `psql -q -c "ALTER USER postgres PASSWORD 'postgres'"`], { stdio: 'inherit' });
  if (await canConnect(withPassword)) return withPassword;
  throw new Error('Cannot connect to PostgreSQL at 127.0.0.1:5432 as postgres; set DATABASE_URL');
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: `${url}/postgres` });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code && !AUTH_FAILURES.has(code)) throw error;
    return false;
  }
}
