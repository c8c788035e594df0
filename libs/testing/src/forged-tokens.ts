import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { signJwt, TEST_ONLY_KEY_ID } from '@hearth/auth/test-signing-key';
import { testClaims } from './tokens';

/** The symmetric secrets services used to share (HS256) before the gateway signed with its own key. */
export const OLD_SYMMETRIC_SECRETS = ['hearth-development-secret-change-me', 'hearth-test-secret-0123456789'];

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function hs256(payload: Record<string, unknown>, secret: string): string {
  const input = `${base64url({ alg: 'HS256', typ: 'JWT', kid: TEST_ONLY_KEY_ID })}.${base64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/**
 * Tokens every service must refuse with 401, each labelled with what is wrong with it. All claim
 * the sra_admin role, which almost every endpoint admits, so only the token itself is at fault.
 */
export function forgedTokens(issuer?: string): [label: string, token: string][] {
  const claims = (extra: Record<string, unknown> = {}, lifetime?: number) =>
    testClaims({ sub: randomUUID(), role: 'sra_admin', ...(issuer && { iss: issuer }), ...extra }, lifetime);
  const now = Math.floor(Date.now() / 1000);
  const unknownKey = generateKeyPairSync('ed25519').privateKey;
  const unknownRsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const valid = signJwt(claims());
  const [header, , signature] = valid.split('.');
  const withoutExp = claims();
  delete withoutExp.exp;
  const withoutIat = claims();
  delete withoutIat.iat;
  return [
    ...OLD_SYMMETRIC_SECRETS.map((secret): [string, string] => [`signed with the old symmetric secret ${secret.slice(0, 12)}… (HS256)`, hs256(claims(), secret)]),
    ['signed by an unknown key that claims the trusted key id', signJwt(claims(), {}, unknownKey)],
    ['signed by an unknown RSA key (RS256)', signJwt(claims(), { kid: 'someone-elses-key' }, unknownRsaKey)],
    ['unsigned (alg none)', `${base64url({ alg: 'none', typ: 'JWT', kid: TEST_ONLY_KEY_ID })}.${base64url(claims())}.`],
    ['with its payload altered after signing', `${header}.${base64url(claims({ role: 'sra_admin', sub: 'someone-else' }))}.${signature}`],
    ['expired', signJwt(claims({ iat: now - 7200, exp: now - 3600 }))],
    ['without exp', signJwt(withoutExp)],
    ['without iat', signJwt(withoutIat)],
    ['issued in the future', signJwt(claims({ iat: now + 600, exp: now + 1200 }))],
    ['outliving the maximum lifetime', signJwt(claims({}, 30 * 86_400))],
    ['for another audience', signJwt(claims({ aud: 'another-application' }))],
    ['from another issuer', signJwt(claims({ iss: 'https://issuer.example.org' }))],
    ['without a key id', signJwt(claims(), { kid: undefined })],
    ['with an unknown role', signJwt(claims({ role: 'superuser' }))],
    ['for a landlord without a landlord id', signJwt(claims({ role: 'landlord' }))],
  ];
}
