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
      AUTH_VERIFIED_TOKEN_CACHE: 30,
      AUTH_LANDLORD_CLAIM: 'landlordId',
      AUTH_OIDC_MAX_TOKEN_AGE: 3600,
      AUTH_OIDC_ROLE_CLAIM: 'role',
      AUTH_OIDC_LANDLORD_CLAIM: 'landlordId',
      AUTH_CLOCK_TOLERANCE: 5,
      AUTH_JWKS_CACHE: 600,
      IDEMPOTENCY_KEY_TTL_MS: 86_400_000,
      IDEMPOTENCY_CLAIM_LEASE_MS: 120_000,
      CORS_ORIGINS: [],
      HTTP_BODY_LIMIT_KB: 100,
      RATE_LIMIT_WRITES: 300,
      RATE_LIMIT_AUTH_FAILURES: 20,
      RATE_LIMIT_WINDOW_MS: 60_000,
      RATE_LIMIT_BLOCK_MS: 300_000,
      DOCS_ENABLED: true,
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

describe('loadConfig with NODE_ENV=production', () => {
  const schema = baseConfigSchema.extend({ BANK_ACCOUNT_KEY: z.string(), APPLICANTS_DATA_KEY: z.string().optional() });
  const ownSecrets = { ...validEnv, BANK_ACCOUNT_KEY: 'b3duLWtleS1vZi10aGlydHktdHdvLWJ5dGVzISEhISE=' };

  it('accepts secrets of its own', () => {
    expect(loadConfig(schema, { ...ownSecrets, NODE_ENV: 'production' }).NODE_ENV).toBe('production');
  });

  it('refuses every development default, naming each variable that carries one', () => {
    const env = {
      ...ownSecrets,
      NODE_ENV: 'production',
      BANK_ACCOUNT_KEY: Buffer.alloc(32, 'hearth-dev-bank-account-key').toString('base64'),
      // A development default under another name is just as public.
      APPLICANTS_DATA_KEY: Buffer.alloc(32, 'hearth-dev-gateway-data-key').toString('base64'),
    };

    expect(() => loadConfig(schema, env)).toThrow(
      'Invalid configuration: NODE_ENV=production refuses the public development defaults of BANK_ACCOUNT_KEY, APPLICANTS_DATA_KEY',
    );
  });

  it('refuses the placeholder an earlier docker-compose.yml published', () => {
    expect(() => loadConfig(schema, { ...ownSecrets, NODE_ENV: 'production', APPLICANTS_DATA_KEY: 'change-me-to-a-long-random-secret' })).toThrow(/defaults of APPLICANTS_DATA_KEY;/);
  });

  it('lets development and tests run with the development defaults', () => {
    const env = { ...ownSecrets, BANK_ACCOUNT_KEY: Buffer.alloc(32, 'hearth-dev-bank-account-key').toString('base64') };

    expect(loadConfig(schema, env).BANK_ACCOUNT_KEY).toBe(env.BANK_ACCOUNT_KEY);
    expect(loadConfig(schema, { ...env, NODE_ENV: 'test' }).NODE_ENV).toBe('test');
  });
});
