import { sign, verify, type SignOptions } from 'jsonwebtoken';
import { z } from 'zod';
import type { Actor } from './actor';
import { ROLES, type Role } from './role';

export interface TokenClaims {
  sub: string;
  role: Role;
  landlordId?: string;
}

const claimsSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(ROLES),
    landlordId: z.string().min(1).optional(),
  })
  // Without it a landlord would pass every ownership check scoped by landlordId.
  .refine((claims) => claims.role !== 'landlord' || claims.landlordId !== undefined, {
    message: 'a landlord token must carry landlordId',
  });

/** Signs an HS256 token, as the gateway does; used by tests and the demo seed. */
export function mintToken(secret: string, claims: TokenClaims, expiresIn: SignOptions['expiresIn'] = '1h'): string {
  return sign({ ...claims }, secret, { algorithm: 'HS256', expiresIn });
}

/** Verifies an HS256 token and returns its actor; throws on a bad signature, other algorithm, expiry or claims. */
export function verifyToken(secret: string, token: string): Actor {
  const payload = verify(token, secret, { algorithms: ['HS256'] });
  const claims = claimsSchema.parse(payload);
  return { id: claims.sub, role: claims.role, ...(claims.landlordId && { landlordId: claims.landlordId }) };
}
