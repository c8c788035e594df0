import { Inject, Module, Optional, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { TerminusModule, TypeOrmHealthIndicator, type HealthIndicatorFunction } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DependencyHealthIndicator } from './dependency.health';
import { HealthController } from './health.controller';
import {
  HEALTH_CHECKS,
  HEALTH_REDIS,
  type HealthModuleOptions,
  type HealthRedisConnection,
} from './health.options';
import { KAFKA_HEALTH_PROBE, type KafkaHealthProbe } from './kafka-health.probe';

const DEFAULT_TIMEOUT_MS = 1000;

/** GET /health: the database, Redis and Kafka, as configured; 200 when all are up, else 503. */
@Module({})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(HEALTH_REDIS) private readonly redis?: HealthRedisConnection) {}

  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    const { database = true, imports = [], timeoutMs = DEFAULT_TIMEOUT_MS } = options;
    const redis = redisConnectionProvider(options);
    const checks: Provider = {
      provide: HEALTH_CHECKS,
      useFactory: (
        indicator: DependencyHealthIndicator,
        typeOrm: TypeOrmHealthIndicator,
        redisConnection?: HealthRedisConnection,
        kafka?: KafkaHealthProbe,
      ): HealthIndicatorFunction[] => [
        ...(database ? [() => typeOrm.pingCheck('database', { timeout: timeoutMs })] : []),
        ...(redisConnection
          ? [() => indicator.check('redis', async () => (await redisConnection.client.ping()) === 'PONG', timeoutMs)]
          : []),
        ...(kafka ? [() => indicator.check('kafka', () => kafka.isHealthy(), timeoutMs)] : []),
      ],
      inject: [
        DependencyHealthIndicator,
        TypeOrmHealthIndicator,
        { token: HEALTH_REDIS, optional: true },
        { token: KAFKA_HEALTH_PROBE, optional: true },
      ],
    };
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot(), ...imports],
      controllers: [HealthController],
      providers: [DependencyHealthIndicator, checks, ...(redis ? [redis] : [])],
    };
  }

  onApplicationShutdown(): void {
    if (this.redis?.owned) {
      this.redis.client.disconnect();
    }
  }
}

function redisConnectionProvider({ redisUrl, redisClient, timeoutMs = DEFAULT_TIMEOUT_MS }: HealthModuleOptions): Provider<HealthRedisConnection> | undefined {
  if (redisUrl !== undefined && redisClient !== undefined) {
    throw new Error('HealthModule: give either redisUrl or redisClient, not both');
  }
  if (redisUrl !== undefined) {
    return {
      provide: HEALTH_REDIS,
      useFactory: () => {
        const client = new Redis(redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 1,
          connectTimeout: timeoutMs,
          // ioredis otherwise keeps a dead socket's 2 s destroy timer alive after disconnect().
          disconnectTimeout: timeoutMs,
        });
        // Connection errors surface as a failed ping on /health; ioredis would otherwise print each retry.
        client.on('error', () => undefined);
        return { client, owned: true };
      },
    };
  }
  if (redisClient !== undefined) {
    return {
      provide: HEALTH_REDIS,
      useFactory: async (...deps: unknown[]) => ({ client: await redisClient.useFactory(...(deps as never[])), owned: false }),
      inject: redisClient.inject ?? [],
    };
  }
  return undefined;
}
