import { authConfigSchema } from '@hearth/auth';
import { z } from 'zod';
import { httpSecurityConfigSchema } from '../security/http-security.config';

const milliseconds = z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(1_000).max(30 * 24 * 60 * 60 * 1000);
const port = z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535);

/** The variables every service reads (with how it verifies tokens, AUTH_*); services `.extend()` it with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port,
  // The server only; each service appends its own database (hearth_<service>).
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).default('redis://127.0.0.1:6379'),
  KAFKA_BROKERS: z
    .string()
    .transform((brokers) => brokers.split(',').map((broker) => broker.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\S+:\d+$/, 'must list host:port pairs separated by commas')).min(1)),
  // Off on the librdkafka mock broker, which cannot hand out producer ids.
  KAFKA_IDEMPOTENT: z.stringbool({ error: "must be 'true' or 'false'" }).default(true),
  // Defaults to the service name; tests give each instance its own group.
  KAFKA_CONSUMER_GROUP: z.string().regex(/^[a-z0-9._-]+$/i).optional(),
  // Prefix of the service's BullMQ keys in Redis.
  BULLMQ_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i).default('hearth'),
  // How often pending jobs are queued again from the database (a job lost with Redis comes back).
  JOB_SWEEP_INTERVAL_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(86_400_000).default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // How long the answer to a POST with an Idempotency-Key is replayed (24 h), and how long a claim
  // without an answer holds its key before it counts as left by a crashed request (2 min).
  IDEMPOTENCY_KEY_TTL_MS: milliseconds.default(24 * 60 * 60 * 1000),
  IDEMPOTENCY_CLAIM_LEASE_MS: milliseconds.default(2 * 60 * 1000),
  ...httpSecurityConfigSchema.shape,
  ...authConfigSchema.shape,
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;
