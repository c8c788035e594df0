import { createHash, randomBytes } from 'node:crypto';

/** A random single-use secret (refresh token, e-mail link) and the hash the database keeps of it. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
