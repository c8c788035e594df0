import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { getOptionsToken, getStorageToken, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import type { DestinationStream } from 'pino';
import type { BaseConfig } from '../config/base-config.schema';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { createLogger } from '../logging/create-logger';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import { AuthFailureLimitMiddleware } from '../security/auth-failure-limit.middleware';
import { HTTP_SECURITY } from '../security/http-security';
import { httpSecuritySettings } from '../security/http-security.config';
import { RateLimitStore } from '../security/rate-limit.store';
import { isRead, WRITES_THROTTLER, WriteRateLimitGuard } from '../security/write-rate-limit.guard';
import { NulCharacterGuard } from '../validation/nul-character.guard';

export interface PlatformModuleOptions {
  /** The service name, as it appears in logs and metric labels. */
  service: string;
  /**
   * The service's validated configuration: LOG_LEVEL, REDIS_URL, BULLMQ_PREFIX and the HTTP security
   * settings (CORS, body limit, rate limits, /metrics and /docs access) are read from it; what it
   * leaves out takes its default (specs pass none: rate limits then count in memory).
   */
  config?: Partial<BaseConfig>;
  /** Overrides config.LOG_LEVEL. */
  logLevel?: string;
  /** Where to write log lines; stdout by default. */
  logDestination?: DestinationStream;
}

/**
 * Everything an HTTP service shares: logging with correlation ids, /metrics, zod validation
 * of DTOs (and serialization of @ZodResponse results), problem+json errors, and the limits on
 * writes and failed authentications (for helmet, body limits, CORS and /docs see configureHttpApp).
 */
@Module({})
export class PlatformModule implements NestModule {
  static forRoot({ service, config = {}, logLevel = config.LOG_LEVEL, logDestination }: PlatformModuleOptions): DynamicModule {
    const security = httpSecuritySettings(config);
    const throttling: ThrottlerModuleOptions = {
      throttlers: [{ name: WRITES_THROTTLER, limit: security.RATE_LIMIT_WRITES, ttl: security.RATE_LIMIT_WINDOW_MS, skipIf: isRead }],
      setHeaders: false,
    };
    return {
      module: PlatformModule,
      imports: [
        LoggingModule.forRoot({ service, level: logLevel, destination: logDestination }),
        MetricsModule.forRoot({ service, token: security.METRICS_TOKEN }),
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: HTTP_SECURITY, useValue: security },
        {
          provide: RateLimitStore,
          useFactory: (metrics: MetricsService) =>
            new RateLimitStore({
              redisUrl: config.REDIS_URL,
              keyPrefix: `${config.BULLMQ_PREFIX ?? 'hearth'}:${service}:rate-limit:`,
              logger: createLogger(service, logLevel).child({ component: 'rate-limit' }),
              metrics,
            }),
          inject: [MetricsService],
        },
        { provide: getStorageToken(), useExisting: RateLimitStore },
        { provide: getOptionsToken(), useValue: throttling },
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
      ],
      exports: [HTTP_SECURITY],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthFailureLimitMiddleware, NulCharacterGuard).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
