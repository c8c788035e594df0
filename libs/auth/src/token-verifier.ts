import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { Actor } from './actor';
import { ROLES, type Role } from './role';
import { KeySetUnavailableError, type TrustedIssuer } from './trusted-issuer';

/** Verified tokens held at most (a few MB). */
export const MAX_REMEMBERED = 10_000;

/** Asymmetric algorithms only: a service can check a signature but never make one. */
export const TOKEN_ALGORITHMS = ['RS256', 'EdDSA'] as const;

/** Why a token was refused; the message is safe to show (it never repeats the token). */
export class TokenRejectedError extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

const actorSchema = z
  .object({
    sub: z.string().min(1).max(200),
    role: z.enum(ROLES),
    landlordId: z.string().min(1).max(100).optional(),
  })
  // Without it a landlord would pass every ownership check scoped by landlordId.
  .refine((claims) => claims.role !== 'landlord' || claims.landlordId !== undefined, {
    message: 'a landlord token must carry landlordId',
  });

/**
 * Verifies bearer tokens against the public keys of the trusted issuers. A token must name a
 * trusted issuer (`iss`), the audience (`aud`), carry a key id, be signed with RS256 or EdDSA by
 * one of that issuer's published keys, carry `exp`, `iat` and `sub`, not outlive the issuer's
 * maximum lifetime, and carry a Hearth role (and a landlord id for a landlord).
 */
export class TokenVerifier {
  private readonly byIssuer: Map<string, TrustedIssuer>;
  /** Tokens verified lately, oldest first: a client sends the same token with every request, and
   *  its signature check is the largest cost of a read (docs/performance.md). */
  private readonly remembered = new Map<string, { actor: Actor; untilMs: number }>();

  constructor(
    issuers: TrustedIssuer[],
    private readonly clockToleranceSeconds = 5,
    /** How long a verified token is accepted again without a signature check (0: never). */
    private readonly rememberSeconds = 0,
    private readonly maxRemembered = MAX_REMEMBERED,
  ) {
    this.byIssuer = new Map(issuers.map((issuer) => [issuer.issuer, issuer]));
  }

  /** The actor a token speaks for; throws TokenRejectedError, or KeySetUnavailableError when the keys cannot be fetched. */
  async verify(token: string): Promise<Actor> {
    const seen = this.remembered.get(token);
    if (seen && Date.now() < seen.untilMs) return seen.actor;
    if (seen) this.remembered.delete(token);
    return this.verifySignatureAndClaims(token);
  }

  private async verifySignatureAndClaims(token: string): Promise<Actor> {
    const issuer = this.issuerOf(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: [...TOKEN_ALGORITHMS],
        clockTolerance: this.clockToleranceSeconds,
        maxTokenAge: issuer.maxTokenAgeSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      throw translate(error);
    }
    if (payload.exp! - payload.iat! > issuer.maxTokenAgeSeconds) {
      throw new TokenRejectedError('invalid', `The token lives longer than the ${issuer.maxTokenAgeSeconds} s this service accepts`);
    }
    const actor = toActor(payload, issuer);
    this.remember(token, actor, payload.exp! * 1000);
    return actor;
  }

  /** Until the token expires or `rememberSeconds` pass, whichever comes first; the oldest entry
   *  makes room when `maxRemembered` tokens are held. */
  private remember(token: string, actor: Actor, expiresAtMs: number): void {
    if (this.rememberSeconds === 0) return;
    if (this.remembered.size >= this.maxRemembered) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(token, { actor, untilMs: Math.min(expiresAtMs, Date.now() + this.rememberSeconds * 1000) });
  }

  /** Reads the header and issuer before any signature check, only to choose the keys. */
  private issuerOf(token: string): TrustedIssuer {
    let alg: unknown;
    let kid: unknown;
    let iss: unknown;
    try {
      ({ alg, kid } = decodeProtectedHeader(token));
      ({ iss } = decodeJwt(token));
    } catch {
      throw new TokenRejectedError('invalid', 'The token is malformed');
    }
    if (!TOKEN_ALGORITHMS.includes(alg as never)) {
      throw new TokenRejectedError('invalid', `Tokens must be signed with ${TOKEN_ALGORITHMS.join(' or ')}`);
    }
    if (typeof kid !== 'string' || kid === '') throw new TokenRejectedError('invalid', 'The token names no key id (kid)');
    const issuer = typeof iss === 'string' ? this.byIssuer.get(iss) : undefined;
    if (!issuer) throw new TokenRejectedError('invalid', 'The token comes from an issuer this service does not trust');
    return issuer;
  }
}

function translate(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new TokenRejectedError('expired', 'The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new TokenRejectedError('invalid', `The token is invalid: ${error.message}`);
  if (error instanceof errors.JWKSNoMatchingKey) return new TokenRejectedError('invalid', 'The token is signed with a key the issuer does not publish');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejectedError('invalid', 'The token signature is invalid');
  if (error instanceof KeySetUnavailableError || error instanceof errors.JWKSTimeout) return error;
  // A JWKS endpoint answering badly or not at all: not the token's fault.
  if (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC') return new KeySetUnavailableError(error.message);
  // fetch fails with a TypeError (possibly from another realm, so compared by name).
  if ((error as Error | undefined)?.name === 'TypeError' && /fetch/i.test((error as Error).message)) {
    return new KeySetUnavailableError('The issuer’s keys cannot be fetched');
  }
  return new TokenRejectedError('invalid', 'The token is invalid');
}

function toActor(payload: JWTPayload, issuer: TrustedIssuer): Actor {
  const parsed = actorSchema.safeParse({
    sub: payload.sub,
    role: hearthRole(claimAt(payload, issuer.roleClaim)),
    landlordId: claimAt(payload, issuer.landlordClaim) ?? undefined,
  });
  if (!parsed.success) throw new TokenRejectedError('invalid', 'The token carries no Hearth role, or a landlord token no landlord id');
  const { sub, role, landlordId } = parsed.data;
  return { id: sub, role, ...(landlordId !== undefined && { landlordId }) };
}

/** A claim by dotted path (`realm_access.roles`), as identity providers nest them. */
function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** A role claim may be one value or a list (identity providers give lists): the first Hearth role wins. */
function hearthRole(claim: unknown): Role | undefined {
  const candidates = Array.isArray(claim) ? claim : [claim];
  return candidates.find((value): value is Role => ROLES.includes(value as Role));
}
