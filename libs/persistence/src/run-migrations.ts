import { DataSource } from 'typeorm';

/** Any fixed number works: it only has to be the same for every instance of a service. */
const MIGRATION_LOCK_KEY = 0x4845_4152; // "HEAR"

/** Runs pending migrations while holding a session advisory lock, so that several instances
 *  starting together migrate once, one after the other. */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockHolder.release();
  }
}
