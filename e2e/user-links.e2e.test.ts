import { Topics } from '@hearth/contracts';
import { aHouseholdRegistration, eventually, freePort, linkIn, SmtpSink, TestProducer, UnitEventStream } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import { client, Platform } from './support';

jest.setTimeout(300_000);

const DEMO_PASSWORD = 'hearth-demo-password';
const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'a caseload of my own 2026';

/**
 * A caseworker's caseload and an inspector's agenda are keyed by their user id, which their
 * gateway tokens carry as `sub`: an admin creates the accounts, staff assign work to those ids, and
 * each sees their own work through the front door.
 */
describe('caseworker and inspector accounts linked to their caseload and agenda', () => {
  const platform = new Platform();
  let smtp: SmtpSink;
  let gatewayUrl: string;
  let producer: TestProducer;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    producer = await TestProducer.connect();
    const [gatewayPort, applicantsPort, inspectionsPort] = await Promise.all([freePort(), freePort(), freePort()]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const trust = { AUTH_ISSUER: gatewayUrl, AUTH_JWKS: '', AUTH_JWKS_URL: `${gatewayUrl}/.well-known/jwks.json`, AUTH_MAX_TOKEN_AGE: '900' };
    await platform.start(['gateway'], {
      gateway: {
        ...trust,
        AUTH_JWKS_URL: '',
        PORT: String(gatewayPort),
        GATEWAY_DATA_KEY: randomBytes(32).toString('base64'),
        SMTP_URL: smtp.url,
        DEMO_ACCOUNTS: 'true',
        APPLICANTS_URL: `http://127.0.0.1:${applicantsPort}`,
        INSPECTIONS_URL: `http://127.0.0.1:${inspectionsPort}`,
        CONSOLE_DIST: '/nonexistent',
      },
    });
    await platform.start(['applicants', 'inspections'], {
      applicants: { ...trust, PORT: String(applicantsPort) },
      inspections: { ...trust, PORT: String(inspectionsPort) },
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await platform.stop();
    await smtp?.stop();
  });

  const signIn = async (email: string, password: string, extra: Record<string, unknown> = {}) => {
    const response = await client(gatewayUrl, {}).post('/auth/sign-in', { email, password, ...extra });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };
  const api = (token: string) => client(`${gatewayUrl}/api`, { authorization: `Bearer ${token}` });

  /** Signed in once: a TOTP code is never accepted twice. */
  let adminToken: Promise<string> | undefined;

  /** An account opened by the admin, its invitation accepted from the e-mail: returns its id and a token. */
  async function accountFor(role: 'caseworker' | 'inspector'): Promise<{ id: string; token: string }> {
    adminToken ??= signIn('admin@hearth.demo', DEMO_PASSWORD, { totp: generateSync({ secret: DEMO_ADMIN_TOTP_SECRET }) });
    const admin = client(gatewayUrl, { authorization: `Bearer ${await adminToken}` });
    const email = `${role}-${randomBytes(3).toString('hex')}@example.org`;
    const created = await admin.post('/users', { email, displayName: `A ${role}`, roles: [role] });
    expect(created.status).toBe(201);
    const token = new URL(linkIn(await smtp.waitFor(email, /account/i))).searchParams.get('token');
    expect((await client(gatewayUrl, {}).post('/auth/password-reset/confirm', { token, password: PASSWORD })).status).toBe(200);
    return { id: created.body.id, token: await signIn(email, PASSWORD) };
  }

  it('a caseworker sees, through the gateway, the households staff assigned to their user id and no others', async () => {
    const caseworker = await accountFor('caseworker');
    const staff = api(await signIn('staff@hearth.demo', DEMO_PASSWORD));
    const mine = await staff.post('/applicants/households', aHouseholdRegistration().build());
    const someoneElses = await staff.post('/applicants/households', aHouseholdRegistration().build());
    expect([mine.status, someoneElses.status]).toEqual([201, 201]);
    expect((await staff.put(`/applicants/households/${mine.body.id}/caseworker`, { caseworkerId: caseworker.id })).status).toBe(200);
    expect((await staff.put(`/applicants/households/${someoneElses.body.id}/caseworker`, { caseworkerId: 'another-caseworker' })).status).toBe(200);

    const asCaseworker = api(caseworker.token);
    const households = await asCaseworker.get('/applicants/households');
    const caseload = await asCaseworker.get(`/applicants/caseworkers/${caseworker.id}/caseload`);
    const othersCaseload = await asCaseworker.get('/applicants/caseworkers/another-caseworker/caseload');

    expect(households.status).toBe(200);
    expect(households.body.items.map((household: { id: string }) => household.id)).toEqual([mine.body.id]);
    expect(caseload.status).toBe(200);
    expect(othersCaseload.status).toBe(404);
  });

  it('an inspector finds, through the gateway, the visit staff scheduled for their user id on their agenda', async () => {
    const inspector = await accountFor('inspector');
    const staff = api(await signIn('staff@hearth.demo', DEMO_PASSWORD));
    const unit = new UnitEventStream();
    await producer.send(Topics.units, unit.unitId, unit.drafted());
    const requested = await eventually(async () => {
      const response = await staff.post('/inspections/inspections', { unitId: unit.unitId, type: 'periodic' });
      expect(response.status).toBe(201);
      return response.body;
    }, 60_000, 500);
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await staff.post(`/inspections/inspections/${requested.id}/schedule`, { inspectorId: inspector.id, scheduledAt: `${day}T09:00:00Z` })).status).toBe(200);

    const agenda = await api(inspector.token).get(`/inspections/agenda?date=${day}`);
    const demoInspectorsAgenda = await api(await signIn('inspector@hearth.demo', DEMO_PASSWORD)).get(`/inspections/agenda?date=${day}`);

    expect(agenda.status).toBe(200);
    expect(agenda.body.inspectorId).toBe(inspector.id);
    expect(agenda.body.items.map((item: { inspectionId: string }) => item.inspectionId)).toEqual([requested.id]);
    expect(demoInspectorsAgenda.body.items).toEqual([]);
  });
});
