import { z } from 'zod';

const count = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).int().min(min).max(max);
const token = z.string().min(16, 'must be at least 16 characters');

/**
 * How a service protects its HTTP edge; part of every service's configuration (baseConfigSchema).
 * The defaults are closed where closing costs nothing (CORS) and generous where a limit could hurt
 * real use (rate limits), so production only tightens what it knows.
 */
export const httpSecurityConfigSchema = z.object({
  /** Browser origins allowed to call the API (comma-separated, e.g. https://console.example.org); none by default. */
  CORS_ORIGINS: z
    .string()
    .transform((origins) => origins.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must list http(s) origins separated by commas' })))
    .default([]),
  /** Largest JSON or form body accepted, in kilobytes; a larger one is answered 413. */
  HTTP_BODY_LIMIT_KB: count(1, 10_240).default(100),
  /** Express `trust proxy`: set it (e.g. `1`, `loopback`) when a proxy in front sets X-Forwarded-For, so limits apply per client. */
  TRUST_PROXY: z.string().optional(),
  /** Writes (POST, PUT, PATCH, DELETE) one caller (its token, else its address) may send per window. */
  RATE_LIMIT_WRITES: count(1, 1_000_000).default(300),
  /** Failed authentications (401) one address may cause per window before it is blocked. */
  RATE_LIMIT_AUTH_FAILURES: count(1, 1_000_000).default(20),
  RATE_LIMIT_WINDOW_MS: count(1_000, 86_400_000).default(60_000),
  /** How long an address that failed authentication too often is refused (429) whatever it sends. */
  RATE_LIMIT_BLOCK_MS: count(1_000, 86_400_000).default(300_000),
  /** When set, GET /metrics requires it (Authorization: Bearer <token>, or as a basic-auth password). */
  METRICS_TOKEN: token.optional(),
  /** The OpenAPI documents at /docs and /docs-json: served (default) or not at all. */
  DOCS_ENABLED: z.stringbool({ error: "must be 'true' or 'false'" }).default(true),
  /** When set, /docs and /docs-json require it (Authorization: Bearer <token>, or as a basic-auth password, which a browser asks for). */
  DOCS_TOKEN: token.optional(),
});

export type HttpSecurityConfig = z.infer<typeof httpSecurityConfigSchema>;

/** A service's settings: what its configuration gives (other variables ignored), defaults for the rest. */
export function httpSecuritySettings(config: Partial<HttpSecurityConfig> = {}): HttpSecurityConfig {
  const known = Object.keys(httpSecurityConfigSchema.shape);
  const given = Object.fromEntries(Object.entries(config).filter(([name, value]) => known.includes(name) && value !== undefined));
  return { ...httpSecurityConfigSchema.parse({}), ...given };
}
