import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { correlationIdOf } from './correlation-id';
import { CorrelationIdMiddleware } from './correlation-id.middleware';
import { baseLoggerOptions } from './logger-options';

export interface LoggingModuleOptions {
  service: string;
  level?: string;
  /** Where to write log lines; stdout by default. */
  destination?: DestinationStream;
}

const UNLOGGED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** Structured request logging (nestjs-pino) with a correlation id on every line of a request. */
@Module({})
export class LoggingModule implements NestModule {
  static forRoot({ service, level = 'info', destination }: LoggingModuleOptions): DynamicModule {
    const options: Options<IncomingMessage, ServerResponse> = {
      ...baseLoggerOptions(service, level),
      genReqId: (req, res) => correlationIdOf(req, res),
      customProps: (req, res) => ({ correlationId: correlationIdOf(req, res) }),
      autoLogging: { ignore: (req) => UNLOGGED_PATHS.test(req.url ?? '') },
      customLogLevel: (_req, res, error) => {
        if (error || res.statusCode >= 500) return 'error';
        return res.statusCode >= 400 ? 'warn' : 'info';
      },
    };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
