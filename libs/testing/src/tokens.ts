import { mintToken, Role } from '@hearth/auth';
import { randomUUID } from 'node:crypto';

export const TEST_JWT_SECRET = 'hearth-test-secret-0123456789';

/** A bearer header for any role; a landlord token carries the landlord record it owns. */
export function bearer(role: Role, claims: { sub?: string; landlordId?: string } = {}): { Authorization: string } {
  const landlordId = role === 'landlord' ? (claims.landlordId ?? randomUUID()) : claims.landlordId;
  const token = mintToken(TEST_JWT_SECRET, { sub: claims.sub ?? randomUUID(), role, landlordId });
  return { Authorization: `Bearer ${token}` };
}
