import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { TEST_ONLY_PUBLIC_JWK, signJwt } from './test-signing-key';
import { TokenRejectedError, TokenVerifier } from './token-verifier';
import type { TrustedIssuer } from './trusted-issuer';

const ISSUER = 'https://gateway.hearth.test';
const now = () => Math.floor(Date.now() / 1000);

/** An issuer trusting the test key, counting how often a signature had to be checked. */
function countingIssuer(): { issuer: TrustedIssuer; checks: () => number } {
  const local = createLocalJWKSet({ keys: [TEST_ONLY_PUBLIC_JWK] });
  let checks = 0;
  const keys: JWTVerifyGetKey = (header, token) => {
    checks += 1;
    return local(header, token);
  };
  return { issuer: { issuer: ISSUER, audience: 'hearth', keys, maxTokenAgeSeconds: 900, roleClaim: 'role', landlordClaim: 'landlordId' }, checks: () => checks };
}

const token = (claims: Record<string, unknown> = {}) => signJwt({ iss: ISSUER, aud: 'hearth', sub: 'staff-1', role: 'sra_staff', iat: now(), exp: now() + 600, ...claims });

describe('TokenVerifier remembering verified tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('checks the signature of a token once within the remembered time, and again after it', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate'] });
    const { issuer, checks } = countingIssuer();
    const verifier = new TokenVerifier([issuer], 5, 30);
    const staff = token();

    expect(await verifier.verify(staff)).toEqual({ id: 'staff-1', role: 'sra_staff' });
    expect(await verifier.verify(staff)).toEqual({ id: 'staff-1', role: 'sra_staff' });
    expect(checks()).toBe(1);

    jest.advanceTimersByTime(30_000);
    await verifier.verify(staff);
    expect(checks()).toBe(2);
  });

  it('never accepts a remembered token past its expiry', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate'] });
    const { issuer, checks } = countingIssuer();
    const verifier = new TokenVerifier([issuer], 0, 300);
    const shortLived = token({ exp: now() + 10 });
    await verifier.verify(shortLived);

    jest.advanceTimersByTime(11_000);
    await expect(verifier.verify(shortLived)).rejects.toEqual(new TokenRejectedError('expired', 'The token has expired'));
    expect(checks()).toBe(2);
  });

  it('remembers nothing of a refused token, and nothing at all when told so', async () => {
    const { issuer, checks } = countingIssuer();
    const remembering = new TokenVerifier([issuer], 5, 30);
    const noRole = token({ role: 'nobody' });
    await expect(remembering.verify(noRole)).rejects.toBeInstanceOf(TokenRejectedError);
    await expect(remembering.verify(noRole)).rejects.toBeInstanceOf(TokenRejectedError);
    expect(checks()).toBe(2);

    const forgetting = new TokenVerifier([issuer], 5, 0);
    const staff = token();
    await forgetting.verify(staff);
    await forgetting.verify(staff);
    expect(checks()).toBe(4);
  });

  it('keeps at most the tokens it is allowed to, letting the oldest go first', async () => {
    const { issuer, checks } = countingIssuer();
    const verifier = new TokenVerifier([issuer], 5, 30, 3);
    const [oldest, ...others] = ['user-0', 'user-1', 'user-2', 'user-3'].map((sub) => token({ sub }));
    for (const each of [oldest, ...others]) await verifier.verify(each);
    expect(checks()).toBe(4);

    await verifier.verify(others[2]);
    expect(checks()).toBe(4);
    await verifier.verify(oldest);
    expect(checks()).toBe(5);
  });
});
