import { hostname } from 'node:os';
import { stdTimeFunctions, type LoggerOptions } from 'pino';
import { safeErrorSerializer } from './safe-error.serializer';

/** Options shared by the HTTP logger and createLogger(): JSON lines tagged with the service. */
export function baseLoggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.body', 'req.query', 'body'],
    // Error lines never carry personal data: no SQL parameters, no PostgreSQL detail.
    serializers: { err: safeErrorSerializer, error: safeErrorSerializer },
  };
}
