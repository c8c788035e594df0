import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './auth-config.schema';

/** Key ids of the committed test-only and development key pairs; a production service refuses them. */
export const NON_PRODUCTION_KEY_ID = /^hearth-(test|dev)/;

/** One issuer whose tokens a service accepts, and how to read its claims. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  /** Resolves the public key for a token's header (alg, kid). */
  keys: JWTVerifyGetKey;
  maxTokenAgeSeconds: number;
  roleClaim: string;
  landlordClaim: string;
}

export interface KeySetOptions {
  cacheSeconds: number;
  /** Overrides where the keys come from, e.g. the gateway reading its own keys without HTTP. */
  keys?: JWTVerifyGetKey;
}

/** The issuers a service trusts, from its configuration: AUTH_* and, when set, AUTH_OIDC_*. */
export function trustedIssuers(config: AuthConfig, ownKeys?: JWTVerifyGetKey): TrustedIssuer[] {
  if (config.AUTH_JWKS_URL && config.AUTH_JWKS) {
    throw new Error('Invalid configuration: give AUTH_JWKS_URL or AUTH_JWKS, not both');
  }
  if (config.NODE_ENV === 'production' && config.AUTH_JWKS?.keys.some((key) => NON_PRODUCTION_KEY_ID.test(key.kid))) {
    throw new Error('Invalid configuration: AUTH_JWKS holds the test-only or development public key, refused in production');
  }
  const primary: TrustedIssuer = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    keys:
      ownKeys ??
      (config.AUTH_JWKS
        ? createLocalJWKSet(config.AUTH_JWKS as JSONWebKeySet)
        : remoteKeys(config.AUTH_ISSUER, config.AUTH_JWKS_URL, config.AUTH_JWKS_CACHE)),
    maxTokenAgeSeconds: config.AUTH_MAX_TOKEN_AGE,
    roleClaim: config.AUTH_ROLE_CLAIM,
    landlordClaim: config.AUTH_LANDLORD_CLAIM,
  };
  if (!config.AUTH_OIDC_ISSUER) return [primary];
  if (config.AUTH_OIDC_ISSUER === config.AUTH_ISSUER) {
    throw new Error('Invalid configuration: AUTH_OIDC_ISSUER must differ from AUTH_ISSUER');
  }
  return [
    primary,
    {
      issuer: config.AUTH_OIDC_ISSUER,
      audience: config.AUTH_OIDC_AUDIENCE ?? config.AUTH_AUDIENCE,
      keys: remoteKeys(config.AUTH_OIDC_ISSUER, config.AUTH_OIDC_JWKS_URL, config.AUTH_JWKS_CACHE),
      maxTokenAgeSeconds: config.AUTH_OIDC_MAX_TOKEN_AGE,
      roleClaim: config.AUTH_OIDC_ROLE_CLAIM,
      landlordClaim: config.AUTH_OIDC_LANDLORD_CLAIM,
    },
  ];
}

/**
 * Public keys fetched from a JWKS URL (or the one OpenID Connect discovery names), cached for
 * `cacheSeconds`; a token with an unknown key id fetches the set again at once (at most every
 * 30 s), so a new key published by the issuer is picked up without a restart.
 */
function remoteKeys(issuer: string, jwksUrl: string | undefined, cacheSeconds: number): JWTVerifyGetKey {
  const options = { cacheMaxAge: cacheSeconds * 1000, cooldownDuration: 30_000, timeoutDuration: 5_000 };
  if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl), options);
  let discovered: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    discovered ??= discoverJwksUrl(issuer).then(
      (url) => createRemoteJWKSet(url, options),
      (error: unknown) => {
        discovered = undefined; // try again on the next token
        throw error;
      },
    );
    return (await discovered)(header, token);
  };
}

async function discoverJwksUrl(issuer: string): Promise<URL> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new KeySetUnavailableError(`OpenID Connect discovery of ${issuer} answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (typeof jwksUri !== 'string') throw new KeySetUnavailableError(`OpenID Connect discovery of ${issuer} names no jwks_uri`);
  return new URL(jwksUri);
}

/** The issuer's keys could not be fetched: the request may be retried, the token is not at fault. */
export class KeySetUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySetUnavailableError';
  }
}
