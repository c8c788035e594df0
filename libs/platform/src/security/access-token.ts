import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Whether a request presents `token`: as a bearer token (what Prometheus and curl send) or as the
 * password of HTTP basic auth (what a browser asks for after a `WWW-Authenticate: Basic`
 * challenge). Compared in constant time.
 */
export function presentsToken(req: IncomingMessage, token: string): boolean {
  const [scheme, credentials = ''] = (req.headers.authorization ?? '').split(' ');
  let presented: string | undefined;
  if (scheme?.toLowerCase() === 'bearer') presented = credentials;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    presented = decoded.slice(decoded.indexOf(':') + 1);
  }
  return presented !== undefined && sameSecret(presented, token);
}

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison says nothing about the token's length.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
