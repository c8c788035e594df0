import { aUnit, eventually, freePort, linkIn, SmtpSink } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { generateSync } from 'otplib';
import { startOidcIssuer, type OidcIssuer } from './oidc-issuer';
import { client, Platform } from './support';

jest.setTimeout(300_000);

const DEMO_PASSWORD = 'hearth-demo-password';
const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'a flat by the canal 1907';

describe('a landlord signs up through the gateway and lists a flat', () => {
  const platform = new Platform();
  let smtp: SmtpSink;
  let oidc: OidcIssuer;
  let gatewayUrl: string;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    oidc = await startOidcIssuer();
    const [gatewayPort, landlordsPort, unitsPort, nothingPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    // Every service trusts the gateway's keys (fetched from its JWKS) and the agency's OIDC issuer.
    const trust = { AUTH_ISSUER: gatewayUrl, AUTH_JWKS: '', AUTH_JWKS_URL: `${gatewayUrl}/.well-known/jwks.json`, AUTH_MAX_TOKEN_AGE: '900', AUTH_OIDC_ISSUER: oidc.url };
    await platform.start(['gateway'], {
      gateway: {
        ...trust,
        AUTH_JWKS_URL: '',
        PORT: String(gatewayPort),
        GATEWAY_DATA_KEY: randomBytes(32).toString('base64'),
        SMTP_URL: smtp.url,
        DEMO_ACCOUNTS: 'true',
        LANDLORDS_URL: `http://127.0.0.1:${landlordsPort}`,
        UNITS_URL: `http://127.0.0.1:${unitsPort}`,
        MATCHING_URL: `http://127.0.0.1:${nothingPort}`,
        CONSOLE_DIST: '/nonexistent',
      },
    });
    await platform.start(['landlords', 'units'], { landlords: { ...trust, PORT: String(landlordsPort) }, units: { ...trust, PORT: String(unitsPort) } });
  });

  afterAll(async () => {
    await platform.stop();
    await smtp?.stop();
    await oidc?.close();
  });

  const signIn = async (email: string, password: string, extra: Record<string, unknown> = {}) => {
    const response = await client(gatewayUrl, {}).post('/auth/sign-in', { email, password, ...extra });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };

  it('signs up, confirms from the e-mail, completes details, is verified by staff and lists a flat, all through the gateway', async () => {
    const front = client(gatewayUrl, {});
    const email = 'ann.owner@example.org';
    expect((await front.post('/auth/sign-up', { email, password: PASSWORD, displayName: 'Ann', kind: 'individual', preferredLanguage: 'nl' })).status).toBe(202);

    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe('Bevestig uw e-mailadres voor Hearth');
    const token = new URL(linkIn(mail)).searchParams.get('token');
    expect((await front.post('/auth/confirm-email', { token })).status).toBe(200);

    const landlordToken = await signIn(email, PASSWORD);
    const landlordId = JSON.parse(Buffer.from(landlordToken.split('.')[1], 'base64url').toString()).landlordId as string;
    const asLandlord = client(`${gatewayUrl}/api`, { authorization: `Bearer ${landlordToken}` });
    await eventually(async () => expect((await asLandlord.get(`/landlords/landlords/${landlordId}`)).body).toMatchObject({ status: 'prospect' }), 60_000, 500);
    const completed = await asLandlord.put(`/landlords/landlords/${landlordId}/details`, { name: 'Ann Owner', contact: { email }, bankAccount: 'BE68 5390 0754 7034' });
    expect(completed.status).toBe(200);

    const asStaff = client(`${gatewayUrl}/api`, { authorization: `Bearer ${await signIn('staff@hearth.demo', DEMO_PASSWORD)}` });
    const verified = await asStaff.post(`/landlords/landlords/${landlordId}/verify`, {});
    expect([verified.status, verified.body.status]).toEqual([200, 'active']);

    const flat = await eventually(async () => {
      const response = await asLandlord.post('/units/units', aUnit().build());
      expect(response.status).toBe(201);
      return response.body;
    }, 60_000, 500);
    const listed = await asLandlord.get('/units/units');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((unit: { id: string }) => unit.id)).toEqual([flat.id]);
    expect(flat).toMatchObject({ landlordId, status: 'draft' });
  });

  it('accepts tokens of the agency’s OpenID Connect issuer at the front door and in every service, by configuration only', async () => {
    const idpToken = await oidc.sign({ sub: 'agency-staff-17', role: 'sra_staff' });
    const viaGateway = client(`${gatewayUrl}/api`, { authorization: `Bearer ${idpToken}` });

    expect((await viaGateway.get('/units/units')).status).toBe(200);
    expect((await client(platform.service('landlords').url, { authorization: `Bearer ${idpToken}` }).get('/landlords')).status).toBe(200);
    const forged = await new SignJWT({ role: 'sra_admin' }).setProtectedHeader({ alg: 'RS256', kid: 'agency-idp-1' }).setIssuer(oidc.url).setAudience('hearth').setSubject('x').setIssuedAt().setExpirationTime('5m').sign((await generateKeyPair('RS256')).privateKey);
    expect((await client(`${gatewayUrl}/api`, { authorization: `Bearer ${forged}` }).get('/units/units')).status).toBe(401);
  });

  it('serves one OpenAPI document with every running service under /api/<service>', async () => {
    const docs = await client(gatewayUrl, {}).get('/docs-json');

    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/auth/sign-in', '/api/units/units', '/api/landlords/landlords/{landlordId}/verify']));
    expect(docs.body.components.schemas).toHaveProperty('units_DraftUnitDto');
  });

  it('answers a service that is not running with 503 problem+json, and an unknown one with 404', async () => {
    const asAdmin = client(`${gatewayUrl}/api`, { authorization: `Bearer ${await signIn('admin@hearth.demo', DEMO_PASSWORD, { totp: generateSync({ secret: DEMO_ADMIN_TOTP_SECRET }) })}` });

    const down = await asAdmin.get('/matching/shortlists');
    const unknown = await asAdmin.get('/nowhere/things');

    expect([down.status, down.body.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'GATEWAY.UNKNOWN_SERVICE']);
  });
});
