import { isTransientError } from '@hearth/platform';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, MixedList } from 'typeorm';
import { databaseUrl } from './database-url';
import { ensureDatabase } from './ensure-database';
import { IdempotencyKeyPurger } from './idempotency-key-purger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions, idempotencySettings } from './idempotency.options';
import { runMigrationsExclusively } from './run-migrations';
import { UnitOfWork } from './unit-of-work';

export interface DatabaseOptions {
  /** The PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432 */
  serverUrl: string;
  /** hearth_<service>, or a throw-away name in tests */
  database: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  poolSize?: number;
  /** Expiry of Idempotency-Keys and the lease of a claim (see IdempotencyInterceptor). */
  idempotency?: IdempotencyOptions;
}

const logger = new Logger('DatabaseModule');

/** A service started while its database restarts waits for it instead of crashing. */
async function untilDatabaseAnswers<T>(connect: () => Promise<T>): Promise<T> {
  for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 5_000)) {
    try {
      return await connect();
    } catch (error) {
      if (!isTransientError(error)) throw error;
      logger.warn(`database unavailable at start-up (${(error as Error).message}); retrying in ${delayMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** The service's own database: created if missing, migrated at start-up under an advisory lock,
 *  never synchronised from entities. Also remembers answers to POSTs with an Idempotency-Key
 *  (for a day by default) and purges them once expired. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres' as const,
            url: databaseUrl(options.serverUrl, options.database),
            entities: options.entities,
            migrations: options.migrations,
            synchronize: false,
            migrationsRun: false,
            // A request waits at most 3 s for a connection: a database that does not answer is a
            // 503, not a hang that exhausts the pool.
            extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 3_000, keepAlive: true },
          }),
          dataSourceFactory: (dataSourceOptions) =>
            untilDatabaseAnswers(async () => {
              await ensureDatabase(options.serverUrl, options.database);
              const dataSource = await new DataSource(dataSourceOptions!).initialize();
              await runMigrationsExclusively(dataSource);
              return dataSource;
            }),
        }),
      ],
      providers: [
        UnitOfWork,
        { provide: IDEMPOTENCY_OPTIONS, useValue: idempotencySettings(options.idempotency) },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        IdempotencyKeyPurger,
      ],
      exports: [UnitOfWork],
    };
  }
}
