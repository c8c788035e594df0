import { z } from 'zod';
import { baseConfigSchema } from './base-config.schema';
import { loadConfig } from './load-config';

const validEnv = {
  PORT: '3102',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  AUTH_ISSUER: 'https://hearth.example.org',
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
      BULLMQ_PREFIX: 'hearth',
      JOB_SWEEP_INTERVAL_MS: 60_000,
      LOG_LEVEL: 'info',
      AUTH_ISSUER: 'https://hearth.example.org',
      AUTH_AUDIENCE: 'hearth',
      AUTH_MAX_TOKEN_AGE: 900,
      AUTH_ROLE_CLAIM: 'role',
      AUTH_LANDLORD_CLAIM: 'landlordId',
      AUTH_OIDC_MAX_TOKEN_AGE: 3600,
      AUTH_OIDC_ROLE_CLAIM: 'role',
      AUTH_OIDC_LANDLORD_CLAIM: 'landlordId',
      AUTH_CLOCK_TOLERANCE: 5,
      AUTH_JWKS_CACHE: 600,
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
    const env = { PORT: 'eighty', KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: '', AUTH_MAX_TOKEN_AGE: '0' };

    expect(() => loadConfig(baseConfigSchema, env)).toThrow(
      'Invalid configuration: PORT must be a number; DATABASE_URL is required; AUTH_ISSUER is required; AUTH_MAX_TOKEN_AGE must be at least 1',
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
