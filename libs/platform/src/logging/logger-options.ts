import { hostname } from 'node:os';
import { destination, stdTimeFunctions, type DestinationStream, type LoggerOptions } from 'pino';
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

let stdout: DestinationStream | undefined;

/**
 * Standard output for every logger of the process, shared (one writer, so lines never interleave)
 * and asynchronous: a request no longer waits for its log line to be written to the pipe (pino's
 * default, a synchronous write, blocked the event loop whenever the reader was slow). Lines still
 * buffered when the process exits are flushed by pino's exit hook.
 */
export function stdoutDestination(): DestinationStream {
  stdout ??= destination({ dest: 1, sync: false });
  return stdout;
}
