import { z } from 'zod';
import { baseConfigSchema } from './base-config.schema';
import { loadConfig } from './load-config';

const validEnv = {
  PORT: '3102',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  JWT_SECRET: 'a-development-secret',
};

describe('loadConfig', () => {
  it('parses the base variables and applies defaults', () => {
    const config = loadConfig(baseConfigSchema, validEnv);

    expect(config).toEqual({
      NODE_ENV: 'development',
      PORT: 3102,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      KAFKA_IDEMPOTENT: true,
      JWT_SECRET: 'a-development-secret',
      BULLMQ_PREFIX: 'hearth',
      LOG_LEVEL: 'info',
    });
  });

  it('accepts a database URL with a database path and parses KAFKA_IDEMPOTENT=false', () => {
    const config = loadConfig(baseConfigSchema, {
      ...validEnv,
      DATABASE_URL: 'postgresql://postgres:secret@db:5432/hearth_units',
      KAFKA_IDEMPOTENT: 'false',
    });

    expect(config.DATABASE_URL).toBe('postgresql://postgres:secret@db:5432/hearth_units');
    expect(config.KAFKA_IDEMPOTENT).toBe(false);
  });

  it('names every missing and invalid variable in one error', () => {
    const env = { PORT: 'eighty', KAFKA_BROKERS: '127.0.0.1:9092', JWT_SECRET: 'short', DATABASE_URL: '' };

    expect(() => loadConfig(baseConfigSchema, env)).toThrow(
      'Invalid configuration: PORT must be a number; DATABASE_URL is required; JWT_SECRET must be at least 16 characters',
    );
  });

  it('rejects a non-postgres database URL and malformed broker lists', () => {
    const env = { ...validEnv, DATABASE_URL: 'mysql://root@db', KAFKA_BROKERS: 'localhost', LOG_LEVEL: 'loud' };

    expect(() => loadConfig(baseConfigSchema, env)).toThrow(
      "Invalid configuration: DATABASE_URL must be a postgres:// URL; KAFKA_BROKERS must list host:port pairs separated by commas; LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    );
  });

  it('describes the variables a service adds with plain zod schemas', () => {
    const schema = baseConfigSchema.extend({ OFFER_DAYS: z.coerce.number().int().min(1) });

    expect(() => loadConfig(schema, { ...validEnv, OFFER_DAYS: '0' })).toThrow(
      'Invalid configuration: OFFER_DAYS must be at least 1',
    );
    expect(() => loadConfig(schema, validEnv)).toThrow('Invalid configuration: OFFER_DAYS is required');
  });
});
