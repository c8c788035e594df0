import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { withTimeout } from '../errors/transient-error';
import type { MetricsService } from '../metrics/metrics.service';

export type RateLimitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface RateLimitStoreOptions {
  /** Shared by every instance of the service; without it, each instance counts on its own. */
  redisUrl?: string;
  /** Keeps the service's counters apart from other services' and other tests' (`hearth:units:rate-limit:`). */
  keyPrefix: string;
  /** Longest a Redis call may take before this instance counts on its own instead. */
  timeoutMs?: number;
  logger: Logger;
  metrics?: MetricsService;
}

const WARN_EVERY_MS = 30_000;

/**
 * The counters of the rate limits (@nestjs/throttler's storage interface), kept in Redis
 * (@nest-lab/throttler-storage-redis) so that every instance of a service shares them.
 *
 * When Redis is down or slow, a rate limiter must not turn that into an outage: each call falls
 * back to counters in this process's memory after `timeoutMs` (ioredis' offline queue is off, so a
 * lost connection fails at once). The limits then hold per instance rather than per service, until
 * Redis answers again; every fallback is counted in `hearth_rate_limit_fallbacks_total` and
 * reported in the log at most every 30 s.
 */
export class RateLimitStore implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly redis?: Redis;
  private readonly shared?: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private readonly timeoutMs: number;
  private lastWarning = 0;

  constructor(private readonly options: RateLimitStoreOptions) {
    this.timeoutMs = options.timeoutMs ?? 250;
    if (options.redisUrl) {
      this.redis = new Redis(options.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
        // Reconnects for ever, at most every 2 s.
        retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      });
      // Failures surface as fallbacks below; ioredis would otherwise print each reconnection attempt.
      this.redis.on('error', () => undefined);
      this.shared = new ThrottlerStorageRedisService(this.redis);
    }
  }

  /** Gives Redis a moment to connect, so the first requests are counted where every instance sees them. */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await withTimeout(new Promise((resolve) => redis.once('ready', resolve)), 2_000, 'Redis (rate limits)').catch(() => undefined);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<RateLimitRecord> {
    const prefixed = `${this.options.keyPrefix}${key}`;
    if (this.shared) {
      try {
        return await withTimeout(this.shared.increment(prefixed, ttl, limit, blockDuration, throttlerName), this.timeoutMs, 'Redis (rate limits)');
      } catch (error) {
        this.reportFallback(error);
      }
    }
    return this.local.increment(prefixed, ttl, limit, blockDuration, throttlerName);
  }

  private reportFallback(error: unknown): void {
    this.options.metrics
      ?.counter({ name: 'hearth_rate_limit_fallbacks_total', help: 'Rate-limit checks counted in process memory because Redis did not answer' })
      .inc();
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.options.logger.warn({ err: error }, 'rate limits counted per instance: Redis does not answer');
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis?.disconnect();
  }
}
