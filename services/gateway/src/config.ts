import { serviceDatabaseName } from '@hearth/persistence';
import { DEVELOPMENT_DEFAULTS, baseConfigSchema, loadConfig } from '@hearth/platform';
import { z } from 'zod';

const seconds = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);
const serviceUrl = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}`);
const flag = (fallback: boolean) => z.stringbool({ error: "must be 'true' or 'false'" }).default(fallback);

/** Development value of GATEWAY_DATA_KEY used by `npm start`; refused in production. */
export const DEVELOPMENT_DATA_KEY = DEVELOPMENT_DEFAULTS.GATEWAY_DATA_KEY;

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: baseConfigSchema.shape.PORT.default(3000),
  DATABASE_NAME: z.string().default(serviceDatabaseName('gateway')),
  /** Encrypts the private signing keys and TOTP secrets at rest: 32 random bytes, base64. */
  GATEWAY_DATA_KEY: z.base64().refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  /** Where people reach the gateway (links in e-mails); AUTH_ISSUER by default. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),

  ACCESS_TOKEN_TTL: seconds(900, 900),
  /** A refresh token not used for this long lapses; each rotation gives the new one this lifetime again. */
  REFRESH_TOKEN_TTL: seconds(12 * 3600, 30 * 86_400),
  /** A session (a refresh-token family) ends after this long whatever happens: sign in again. */
  SESSION_MAX_AGE: seconds(7 * 86_400, 90 * 86_400),
  /** Whether the refresh cookie is marked Secure (always in production). */
  COOKIE_SECURE: flag(true),

  ARGON2_MEMORY_KIB: z.coerce.number().int().min(8_192).max(1_048_576).default(19_456),
  ARGON2_TIME_COST: z.coerce.number().int().min(1).max(10).default(2),
  ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(8).default(1),

  SIGN_IN_MAX_FAILURES: count(5),
  SIGN_IN_LOCKOUT: seconds(900, 86_400),
  SIGN_IN_ADDRESS_MAX_FAILURES: count(20),
  SIGN_IN_FAILURE_WINDOW: seconds(900, 86_400),
  TOTP_ISSUER: z.string().min(1).max(50).default('Hearth'),

  KEY_PUBLISH_LEAD: seconds(600, 7 * 86_400),
  KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  KEY_ROTATION_CHECK_MS: z.coerce.number().int().min(1_000).default(3_600_000),

  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).max(200).default('Hearth <no-reply@hearth.invalid>'),
  EMAIL_VERIFICATION_TTL: seconds(48 * 3600, 30 * 86_400),
  PASSWORD_RESET_TTL: seconds(3600, 7 * 86_400),
  INVITATION_TTL: seconds(7 * 86_400, 30 * 86_400),

  LANDLORDS_URL: serviceUrl(3101),
  UNITS_URL: serviceUrl(3102),
  INSPECTIONS_URL: serviceUrl(3103),
  APPLICANTS_URL: serviceUrl(3104),
  MATCHING_URL: serviceUrl(3105),
  LEASES_URL: serviceUrl(3106),
  MEDIATION_URL: serviceUrl(3107),
  REPORTING_URL: serviceUrl(3108),
  PROXY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  PROXY_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Origins allowed to call the API from a browser, comma-separated; none by default. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((origins) => origins.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url({ error: 'must list origins (https://console.example.org) separated by commas' }))),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  RATE_LIMIT_PER_USER: count(600),
  RATE_LIMIT_PER_ADDRESS: count(1_200),
  /** Which proxies in front of the gateway to believe about the caller's address (Express `trust proxy`): loopback by default, a hop count or addresses behind a load balancer. */
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .transform((value): boolean | number | string => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
  /** The web console's built files, served at / when present. */
  CONSOLE_DIST: z.string().default('services/console/dist'),

  /** Creates the demo accounts of `npm start` at start-up; refused in production. */
  DEMO_ACCOUNTS: flag(false),
  /** On first start, invites this address as the first administrator (a set-password link by e-mail). */
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigSchema, env);
  if (config.NODE_ENV === 'production') {
    const refused = [
      config.GATEWAY_DATA_KEY === DEVELOPMENT_DATA_KEY && 'GATEWAY_DATA_KEY (the development key)',
      config.DEMO_ACCOUNTS && 'DEMO_ACCOUNTS=true',
      !config.COOKIE_SECURE && 'COOKIE_SECURE=false',
    ].filter(Boolean);
    if (refused.length > 0) throw new Error(`Invalid configuration: refused in production: ${refused.join('; ')}`);
  }
  return config;
}

export const publicUrl = (config: GatewayConfig): string => (config.PUBLIC_URL ?? config.AUTH_ISSUER).replace(/\/$/, '');
