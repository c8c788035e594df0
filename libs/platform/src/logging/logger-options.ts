import { hostname } from 'node:os';
import { stdTimeFunctions, type LoggerOptions } from 'pino';
import { safeErrorSerializer, safeRequestSerializer } from './safe-error.serializer';

/** Options shared by the HTTP logger and createLogger(): JSON lines tagged with the service. */
export function baseLoggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.body', 'req.query', 'body'],
    // Lines never carry personal data: errors without SQL parameters or PostgreSQL's detail, URLs
    // without the values of their query string (see safe-error.serializer).
    serializers: { err: safeErrorSerializer, error: safeErrorSerializer, req: safeRequestSerializer },
  };
}
