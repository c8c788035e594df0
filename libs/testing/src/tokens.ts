import type { Role } from '@hearth/auth';
import { randomUUID } from 'node:crypto';
import { signJwt, TEST_AUDIENCE, TEST_ISSUER } from '@hearth/auth/test-signing-key';

/** Standard claims of a test token valid for `lifetimeSeconds` from now. */
export function testClaims(claims: Record<string, unknown>, lifetimeSeconds = 3600): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + lifetimeSeconds, ...claims };
}

/** A bearer header for any role, signed with the test-only key; a landlord token carries the landlord record it owns. */
export function bearer(role: Role, claims: { sub?: string; landlordId?: string } = {}): { Authorization: string } {
  const landlordId = role === 'landlord' ? (claims.landlordId ?? randomUUID()) : claims.landlordId;
  const token = signJwt(testClaims({ sub: claims.sub ?? randomUUID(), role, ...(landlordId !== undefined && { landlordId }) }));
  return { Authorization: `Bearer ${token}` };
}
