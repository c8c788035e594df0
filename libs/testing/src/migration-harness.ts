import { databaseUrl, ensureDatabase } from '@hearth/persistence';
import { DataSource, MigrationInterface } from 'typeorm';
import { dropDatabase, TEST_DATABASE_SERVER_URL, uniqueDatabaseName } from './test-database';

type MigrationClass = new () => MigrationInterface;

/**
 * A throw-away database migrated up to (not including) one migration, so a test can plant rows
 * as they were stored before it, run it, and read what it made of them.
 */
export class MigrationHarness {
  private constructor(
    readonly database: string,
    private readonly dataSource: DataSource,
    private readonly target: MigrationClass,
  ) {}

  static async before(migrations: MigrationClass[], target: MigrationClass, prefix = 'migration'): Promise<MigrationHarness> {
    const index = migrations.indexOf(target);
    if (index < 0) throw new Error(`${target.name} is not in the service's migrations`);
    const database = uniqueDatabaseName(prefix);
    await ensureDatabase(TEST_DATABASE_SERVER_URL, database);
    const dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl(TEST_DATABASE_SERVER_URL, database),
      migrations: migrations.slice(0, index),
      synchronize: false,
      migrationsRun: false,
    }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return new MigrationHarness(database, dataSource, target);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /** Runs the migration under test, in a transaction as services run it. */
  async runTarget(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await new this.target().up(runner);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
    await dropDatabase(this.database);
  }
}
