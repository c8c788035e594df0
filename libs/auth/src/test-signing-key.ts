import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

/**
 * TEST ONLY. A committed Ed25519 key pair that signs the tokens of tests and benchmarks (`bearer`)
 * and whose public half `testEnv()` gives every service under test. Its key id starts with
 * `hearth-test`, which a service started with NODE_ENV=production refuses. Never use it anywhere else.
 */
export const TEST_ONLY_KEY_ID = 'hearth-test-only-1';

export const TEST_ONLY_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIM/bTc69CkrMC6RU1FD+1fPe9BAl6NBczrt/33Oquvze
-----END PRIVATE KEY-----
`;

export const TEST_ONLY_PUBLIC_JWK = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'zPn57cWPr_8UvBKZrdfA-fbJvaIPOplpfLk3-7qCzuE',
  kid: TEST_ONLY_KEY_ID,
  alg: 'EdDSA',
  use: 'sig',
} as const;

/** The issuer and audience of test tokens, and what services under test are configured to trust. */
export const TEST_ISSUER = 'http://hearth.test';
export const TEST_AUDIENCE = 'hearth';

/** The AUTH_* variables of a service under test: trusts the test-only key, tokens up to an hour. */
export const TEST_AUTH_ENV = {
  AUTH_ISSUER: TEST_ISSUER,
  AUTH_AUDIENCE: TEST_AUDIENCE,
  AUTH_JWKS: JSON.stringify({ keys: [TEST_ONLY_PUBLIC_JWK] }),
  AUTH_MAX_TOKEN_AGE: '3600',
} as const;

const testOnlyPrivateKey = createPrivateKey(TEST_ONLY_PRIVATE_KEY_PEM);

/**
 * Signs a compact JWS synchronously (node:crypto), so `bearer()` stays a plain function. Ed25519
 * keys sign as EdDSA, RSA keys as RS256; the header is given as is, so tests can also forge the
 * tokens services must refuse.
 */
export function signJwt(payload: Record<string, unknown>, header: Record<string, unknown> = {}, key: KeyObject = testOnlyPrivateKey): string {
  const alg = key.asymmetricKeyType === 'rsa' ? 'RS256' : 'EdDSA';
  const fullHeader = { alg, typ: 'JWT', kid: TEST_ONLY_KEY_ID, ...header };
  const input = `${base64url(fullHeader)}.${base64url(payload)}`;
  const signature = sign(alg === 'RS256' ? 'sha256' : null, Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
