import { pino, type Logger } from 'pino';
import { correlationStorage } from './correlation.context';
import { baseLoggerOptions } from './logger-options';

/**
 * A plain pino logger for code outside HTTP requests (consumers, relays, jobs). Lines
 * carry the correlation of the current correlationStorage context, if any.
 */
export function createLogger(service: string, level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ ...baseLoggerOptions(service, level), mixin: () => ({ ...correlationStorage.getStore() }) });
}
