import { z } from 'zod';

const seconds = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A JSON Web Key Set given inline: public keys only, each with a key id. */
const inlineJwks = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key Set ({"keys":[...]})' });
      return z.NEVER;
    }
  })
  .pipe(
    z.object(
      {
        keys: z
          .array(
            z
              .looseObject({ kty: z.string(), kid: z.string().min(1, 'every key needs a kid') })
              // A service must never hold a key that can sign: refuse private members outright.
              .refine((key) => !('d' in key) && !('p' in key) && !('k' in key), 'must hold public keys only'),
            { error: 'must be a JSON Web Key Set ({"keys":[...]})' },
          )
          .min(1, 'must hold at least one key'),
      },
      { error: 'must be a JSON Web Key Set ({"keys":[...]})' },
    ),
  );

/**
 * How every service checks bearer tokens: which issuers it trusts, where their public keys are, the
 * audience tokens must name and the longest lifetime it accepts. Part of every service's
 * configuration (baseConfigSchema). Services hold public keys only; the gateway signs.
 */
export const authConfigSchema = z.object({
  /** `iss` of the tokens services accept: the gateway's public URL, or an agency's OpenID Connect issuer. */
  AUTH_ISSUER: httpUrl,
  /** `aud` tokens must carry. */
  AUTH_AUDIENCE: z.string().min(1).default('hearth'),
  /** Where the issuer's public keys are; discovered from `<issuer>/.well-known/openid-configuration` when neither this nor AUTH_JWKS is set. */
  AUTH_JWKS_URL: httpUrl.optional(),
  /** The issuer's public keys inline (tests, air-gapped installations) instead of a URL. */
  AUTH_JWKS: inlineJwks.optional(),
  /** Longest lifetime (exp − iat) accepted; the gateway's access tokens live 15 minutes. */
  AUTH_MAX_TOKEN_AGE: seconds(900, 86_400),
  /** Claims naming the role and the landlord record (dotted paths for nested claims). */
  AUTH_ROLE_CLAIM: z.string().min(1).default('role'),
  AUTH_LANDLORD_CLAIM: z.string().min(1).default('landlordId'),

  /** A second trusted issuer, typically the agency's own OpenID Connect provider. */
  AUTH_OIDC_ISSUER: httpUrl.optional(),
  AUTH_OIDC_AUDIENCE: z.string().min(1).optional(),
  AUTH_OIDC_JWKS_URL: httpUrl.optional(),
  AUTH_OIDC_MAX_TOKEN_AGE: seconds(3_600, 86_400),
  AUTH_OIDC_ROLE_CLAIM: z.string().min(1).default('role'),
  AUTH_OIDC_LANDLORD_CLAIM: z.string().min(1).default('landlordId'),

  /** Allowed clock difference between issuer and service. */
  AUTH_CLOCK_TOLERANCE: seconds(5, 300),
  /** How long fetched public keys are kept before they are fetched again (an unknown key id fetches at once). */
  AUTH_JWKS_CACHE: seconds(600, 86_400),
  /** How long a token already verified is accepted again without checking its signature (never past
   *  its `exp`); 0 checks every request. Shorter than AUTH_JWKS_CACHE, so a withdrawn key is not trusted longer. */
  AUTH_VERIFIED_TOKEN_CACHE: z.coerce.number().int().min(0).max(300).default(30),
});

export type AuthConfig = z.infer<typeof authConfigSchema> & { NODE_ENV?: string };
