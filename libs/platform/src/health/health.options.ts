import type { InjectionToken, ModuleMetadata } from '@nestjs/common';
import type Redis from 'ioredis';

export interface RedisClientFactory {
  useFactory: (...deps: never[]) => Redis | Promise<Redis>;
  inject?: InjectionToken[];
}

export interface HealthModuleOptions {
  /** Ping the TypeORM DataSource of the application (default true). */
  database?: boolean;
  /** Check Redis over a connection HealthModule opens (and closes)… */
  redisUrl?: string;
  /** …or with the application's own client, which HealthModule leaves open. */
  redisClient?: RedisClientFactory;
  /** Modules providing what the checks inject (the client factory's deps, KAFKA_HEALTH_PROBE if not global). */
  imports?: ModuleMetadata['imports'];
  /** How long each check may take, in ms (default 1000). */
  timeoutMs?: number;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

export interface HealthRedisConnection {
  client: Redis;
  /** Opened by HealthModule, so closed by it. */
  owned: boolean;
}
