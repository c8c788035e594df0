import { bearer, forgedTokens, freePort } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { startOidcIssuer, type OidcIssuer } from './oidc-issuer';
import { client, Platform } from './support';

jest.setTimeout(300_000);

const DEMO_PASSWORD = 'hearth-demo-password';

/**
 * An agency that uses its own identity provider only: the units service is pointed at the
 * provider's issuer and JWKS (docs/operations.md, "An agency's own identity provider") instead of
 * the gateway's, with the provider's audience and role claim. The gateway keeps its own issuer and
 * also trusts the provider (AUTH_OIDC_*), so its front door lets the provider's tokens through.
 */
describe('services pointed at an external OpenID Connect issuer', () => {
  const platform = new Platform();
  let oidc: OidcIssuer;
  let gatewayUrl: string;
  let unitsUrl: string;

  beforeAll(async () => {
    oidc = await startOidcIssuer();
    const [gatewayPort, unitsPort] = await Promise.all([freePort(), freePort()]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    unitsUrl = `http://127.0.0.1:${unitsPort}`;
    await platform.start(['gateway'], {
      gateway: {
        PORT: String(gatewayPort),
        AUTH_ISSUER: gatewayUrl,
        AUTH_JWKS: '',
        AUTH_MAX_TOKEN_AGE: '900',
        AUTH_OIDC_ISSUER: oidc.url,
        AUTH_OIDC_AUDIENCE: 'hearth-api',
        AUTH_OIDC_ROLE_CLAIM: 'realm_access.roles',
        GATEWAY_DATA_KEY: randomBytes(32).toString('base64'),
        DEMO_ACCOUNTS: 'true',
        UNITS_URL: unitsUrl,
        CONSOLE_DIST: '/nonexistent',
      },
    });
    // The configuration change, and nothing else: the provider's issuer, keys, audience and role claim.
    await platform.start(['units'], {
      units: {
        PORT: String(unitsPort),
        AUTH_ISSUER: oidc.url,
        AUTH_JWKS: '',
        AUTH_JWKS_URL: `${oidc.url}/certs`,
        AUTH_AUDIENCE: 'hearth-api',
        AUTH_ROLE_CLAIM: 'realm_access.roles',
        AUTH_MAX_TOKEN_AGE: '3600',
      },
    });
  });

  afterAll(async () => {
    await platform.stop();
    await oidc?.close();
  });

  const providerToken = () => oidc.sign({ realm_access: { roles: ['offline_access', 'sra_staff'] } }, { audience: 'hearth-api', subject: 'agency-staff-17' });
  const gatewayToken = async () => {
    const response = await client(gatewayUrl, {}).post('/auth/sign-in', { email: 'staff@hearth.demo', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };

  it('accepts the provider’s tokens, read with its role claim, called directly and through the gateway', async () => {
    const token = await providerToken();

    const direct = await client(unitsUrl, { authorization: `Bearer ${token}` }).get('/units');
    const throughGateway = await client(`${gatewayUrl}/api/units`, { authorization: `Bearer ${token}` }).get('/units');

    expect([direct.status, direct.body.items]).toEqual([200, []]);
    expect([throughGateway.status, throughGateway.body.items]).toEqual([200, []]);
  });

  it('refuses the gateway’s own tokens (another issuer, another key), directly and through the gateway', async () => {
    const token = await gatewayToken();

    const direct = await client(unitsUrl, { authorization: `Bearer ${token}` }).get('/units');
    const throughGateway = await client(`${gatewayUrl}/api/units`, { authorization: `Bearer ${token}` }).get('/units');

    expect([direct.status, direct.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    expect(direct.body.detail).toBe('The token comes from an issuer this service does not trust');
    // The gateway accepts its own token at the door; the service, trusting only the provider, refuses it.
    expect([throughGateway.status, throughGateway.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
  });

  it('refuses the provider’s tokens for another audience, and tokens forged in the provider’s name', async () => {
    const otherAudience = await oidc.sign({ realm_access: { roles: ['sra_staff'] } }, { audience: 'hearth', subject: 'agency-staff-17' });
    const direct = await client(unitsUrl, { authorization: `Bearer ${otherAudience}` }).get('/units');
    expect(direct.status).toBe(401);

    const notRefused: string[] = [];
    for (const [label, forged] of [...forgedTokens(oidc.url), ['the test-only key’s token', bearer('sra_admin').Authorization.slice(7)] as [string, string]]) {
      const response = await client(unitsUrl, { authorization: `Bearer ${forged}` }).get('/units');
      if (response.status !== 401) notRefused.push(`${label}: ${response.status}`);
    }
    expect(notRefused).toEqual([]);
  });
});
