import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';

export interface JobsOptions {
  redisUrl: string;
  /** Key prefix of every queue; tests give each app its own so queues never mix. */
  prefix: string;
}

/**
 * BullMQ on the service's Redis, for anything that happens later (deadlines, re-scoring).
 * Services register their queues with `BullModule.registerQueue({ name })` and process them with
 * `@Processor` classes. Jobs carry ids only and use deterministic job ids (DESIGN §4).
 */
@Module({})
export class JobsModule {
  static forRoot({ redisUrl, prefix }: JobsOptions): DynamicModule {
    const url = new URL(redisUrl);
    return {
      module: JobsModule,
      global: true,
      imports: [
        BullModule.forRoot({
          prefix,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            maxRetriesPerRequest: null,
          },
        }),
      ],
      exports: [BullModule],
    };
  }
}
