import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JOBS_OPTIONS, JobSweeper } from './job-sweeper';

export interface JobsOptions {
  redisUrl: string;
  /** Key prefix of every queue; tests give each app its own so queues never mix. */
  prefix: string;
  /** How often the service's sweeps queue again what its database says is due; 60 s by default. */
  sweepIntervalMs?: number;
}

/**
 * BullMQ on the service's Redis, for anything that happens later (deadlines, re-scoring).
 * Services register their queues with `BullModule.registerQueue({ name })` and process them with
 * `@Processor` classes. Jobs carry ids only and use deterministic job ids, so queueing one twice
 * is harmless.
 *
 * Redis may be down: jobs are queued after the commit (`UnitOfWork.afterCommit`) with a short
 * timeout (`enqueueJobs`), and every pending job is derived from committed state by a `@JobSweep`
 * provider, run at start-up and every `sweepIntervalMs`, so nothing waits on Redis and nothing is
 * lost when it comes back.
 */
@Module({})
export class JobsModule {
  static forRoot({ redisUrl, prefix, sweepIntervalMs = 60_000 }: JobsOptions): DynamicModule {
    const url = new URL(redisUrl);
    return {
      module: JobsModule,
      global: true,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({
          prefix,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            // Workers block on Redis and must wait out an outage; callers never wait on it,
            // because they go through enqueueJobs (a timeout) after the commit.
            maxRetriesPerRequest: null,
            retryStrategy: (attempt: number) => Math.min(200 * attempt, 2_000),
          },
        }),
      ],
      providers: [{ provide: JOBS_OPTIONS, useValue: { sweepIntervalMs } }, JobSweeper],
      exports: [BullModule, JobSweeper],
    };
  }
}
