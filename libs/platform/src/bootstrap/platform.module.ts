import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import type { DestinationStream } from 'pino';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { NulCharacterGuard } from '../validation/nul-character.guard';

export interface PlatformModuleOptions {
  /** The service name, as it appears in logs and metric labels. */
  service: string;
  logLevel?: string;
  /** Where to write log lines; stdout by default. */
  logDestination?: DestinationStream;
}

/**
 * Everything an HTTP service shares: logging with correlation ids, /metrics, zod validation
 * of DTOs (and serialization of @ZodResponse results), and problem+json errors.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forRoot({ service, logLevel, logDestination }: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [LoggingModule.forRoot({ service, level: logLevel, destination: logDestination }), MetricsModule.forRoot({ service })],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(NulCharacterGuard).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
