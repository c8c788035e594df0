import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export interface OidcIssuer {
  url: string;
  server: Server;
  /** Signs RS256 with the issuer's key (`kid` agency-idp-1), for `audience` (hearth by default), valid 30 minutes. */
  sign(claims: Record<string, unknown>, options?: { audience?: string; subject?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * An agency's own OpenID Connect provider, as small as can be, served over HTTP on a local port:
 * discovery (`/.well-known/openid-configuration`) and its RS256 public keys (`/certs`).
 */
export async function startOidcIssuer(): Promise<OidcIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'agency-idp-1', alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = req.url === '/.well-known/openid-configuration' ? { issuer: url, jwks_uri: `${url}/certs` } : req.url === '/certs' ? { keys: [jwk] } : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key: CryptoKey = privateKey;
  return {
    url,
    server,
    sign: (claims, { audience = 'hearth', subject } = {}) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'agency-idp-1' }).setIssuer(url).setAudience(audience).setIssuedAt().setExpirationTime('30m');
      return (subject ? jwt.setSubject(subject) : jwt).sign(key);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // services keep their JWKS connections alive
      }),
  };
}
