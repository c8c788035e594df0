import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

/** Runs one statement on the connection of a direct read and answers its rows as the driver parsed them. */
export type ReadStatement = <Row extends QueryResultRow>(text: string, values: unknown[]) => Promise<Row[]>;

const statementNames = new Map<string, string>();

/** One name per statement text: pg prepares a named statement once per connection, then only binds it. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `hearth_read_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A hot read (decision 0082): statements straight through TypeORM's own pool of `pg` connections,
 * one connection for the whole read, without the query builder or entity hydration. Select columns
 * under the names the view uses so that rows need no mapping. Statement texts must be built from
 * fixed fragments only (values always as parameters): each distinct text is prepared once per
 * connection and its name kept for the life of the process.
 */
export async function readDirect<T>(dataSource: DataSource, read: (statement: ReadStatement) => Promise<T>): Promise<T> {
  // TypeORM's PostgresDriver keeps its pg Pool as `master` once the data source is initialised.
  const pool = (dataSource.driver as { master?: Pool }).master;
  if (!pool) throw new Error('readDirect needs an initialised PostgreSQL data source');
  const client = await pool.connect();
  try {
    return await read(async <Row extends QueryResultRow>(text: string, values: unknown[]) => (await client.query<Row>({ name: statementName(text), text, values })).rows);
  } finally {
    client.release();
  }
}
