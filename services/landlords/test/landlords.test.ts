import { Topics } from '@hearth/contracts';
import { FieldCipher } from '@hearth/platform';
import {
  aLandlordRegistration,
  anAgreement,
  bearer,
  eventually,
  queryDatabase,
  readEvents,
  startTestApp,
  settled,
  TestApp,
  testEnv,
  waitForEvents,
} from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { loadLandlordsConfig } from '../src/config';
import { LandlordsModule } from '../src/landlords.module';

const staff = bearer('sra_staff');

describe('landlords service', () => {
  let service: TestApp;
  const bankAccountKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    const env = testEnv('landlords', { BANK_ACCOUNT_KEY: bankAccountKey });
    service = await startTestApp(LandlordsModule.forRoot(loadLandlordsConfig(env)), env.DATABASE_NAME!);
  });

  afterAll(() => service?.close());

  const register = (body = aLandlordRegistration()) => service.http.post('/landlords').set(staff).send(body);

  async function activeLandlord(): Promise<string> {
    const { body } = await register().expect(201);
    await service.http.post(`/landlords/${body.id}/verify`).set(staff).send({}).expect(200);
    return body.id;
  }

  async function databaseSnapshot() {
    const [counts] = await queryDatabase<Record<string, string>>(
      service.database,
      `SELECT (SELECT count(*) FROM landlords) AS landlords, (SELECT count(*) FROM agreements) AS agreements,
              (SELECT count(*) FROM outbox) AS outbox, (SELECT coalesce(sum(version), 0) FROM landlords) AS versions`,
    );
    return counts;
  }

  describe('registering and verifying an owner', () => {
    it('publishes LandlordRegistered and LandlordVerified in order, keyed by the landlord id', async () => {
      const id = await activeLandlord();

      const events = await waitForEvents(Topics.landlords, id, ['LandlordRegistered', 'LandlordVerified']);
      expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
        ['LandlordRegistered', 1],
        ['LandlordVerified', 2],
      ]);
      expect(events[1].payload).toEqual({ landlordId: id, status: 'active' });
      expect(events[0].headers['x-event-type']).toBe('LandlordRegistered');
    });

    it('stores the bank account encrypted and shows it masked, and never publishes it', async () => {
      const { body } = await register().expect(201);

      expect(body.bankAccount).toBe('BE68 **** **** 7034');
      const [row] = await queryDatabase<{ bank_account_encrypted: string }>(
        service.database,
        'SELECT bank_account_encrypted FROM landlords WHERE id = $1',
        [body.id],
      );
      expect(row.bank_account_encrypted).not.toContain('5390');
      expect(new FieldCipher(bankAccountKey).decrypt(row.bank_account_encrypted, `landlord:${body.id}:bank-account`)).toBe('BE68539007547034');
      const [registered] = await waitForEvents(Topics.landlords, body.id, ['LandlordRegistered']);
      expect(JSON.stringify(registered)).not.toMatch(/5390|BE68|Peeters|example\.org/);
    });

    it('carries the request correlation id into the event', async () => {
      const { body } = await register().set('x-correlation-id', 'corr-landlord-test-1').expect(201);

      const [event] = await waitForEvents(Topics.landlords, body.id, ['LandlordRegistered']);
      expect(event.correlationId).toBe('corr-landlord-test-1');
      expect(event.headers['x-correlation-id']).toBe('corr-landlord-test-1');
      expect(event.actor.role).toBe('sra_staff');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retried registration with the first answer and registers the owner once', async () => {
      const key = `register-${randomBytes(6).toString('hex')}`;
      const body = aLandlordRegistration({ name: `Retry ${key}` });

      const first = await service.http.post('/landlords').set(staff).set('Idempotency-Key', key).send(body).expect(201);
      const retry = await service.http.post('/landlords').set(staff).set('Idempotency-Key', key).send(body).expect(201);

      expect(retry.body.id).toBe(first.body.id);
      const rows = await queryDatabase(service.database, 'SELECT id FROM landlords WHERE name = $1', [`Retry ${key}`]);
      expect(rows).toHaveLength(1);
      await settled(service);
      expect(await readEvents(Topics.landlords, first.body.id)).toHaveLength(1);
    });

    it('refuses a key reused for a different request (422)', async () => {
      const key = `register-${randomBytes(6).toString('hex')}`;
      await service.http.post('/landlords').set(staff).set('Idempotency-Key', key).send(aLandlordRegistration()).expect(201);

      const response = await service.http.post('/landlords').set(staff).set('Idempotency-Key', key).send(aLandlordRegistration({ name: 'Someone else' })).expect(422);

      expect(response.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });

    it('lets a refused request be corrected and retried with the same key', async () => {
      const key = `register-${randomBytes(6).toString('hex')}`;
      await service.http.post('/landlords').set(staff).set('Idempotency-Key', key).send(aLandlordRegistration({ bankAccount: 'nope' })).expect(400);

      await service.http.post('/landlords').set(staff).set('Idempotency-Key', key).send(aLandlordRegistration()).expect(201);
    });
  });

  describe('agreements', () => {
    it('signs an agreement for an active landlord and publishes AgreementSigned', async () => {
      const landlordId = await activeLandlord();
      const { body: agreement } = await service.http.post(`/landlords/${landlordId}/agreements`).set(staff).send(anAgreement()).expect(201);
      expect(agreement).toMatchObject({ status: 'draft', renovationLoan: { amount: 12000, monthlyRepayment: 150, interestFree: true } });

      await service.http.post(`/landlords/${landlordId}/agreements/${agreement.id}/sign`).set(staff).expect(200);

      const events = await waitForEvents(Topics.landlords, landlordId, ['AgreementSigned']);
      const signed = events.find((e) => e.type === 'AgreementSigned')!;
      expect(signed.version).toBe(2);
      expect(signed.payload).toMatchObject({
        agreementId: agreement.id,
        scheme: 'head_lease',
        guaranteedMonthlyRent: 780,
        coverage: { rentArrears: true, vacancy: true, damageCap: 2500, legalCosts: true },
        renovationLoan: { amount: 12000, monthlyRepayment: 150 },
      });
      expect(signed.aggregateVersion).toBe(3);
    });

    it('refuses to sign for a landlord who is not verified (409 LANDLORD.NOT_ACTIVE)', async () => {
      const { body: landlord } = await register().expect(201);
      const { body: agreement } = await service.http.post(`/landlords/${landlord.id}/agreements`).set(staff).send(anAgreement()).expect(201);

      const response = await service.http.post(`/landlords/${landlord.id}/agreements/${agreement.id}/sign`).set(staff).expect(409);

      expect(response.body.code).toBe('LANDLORD.NOT_ACTIVE');
    });

    it('refuses to offboard a landlord with a signed agreement, then allows it once the agreement ended', async () => {
      const landlordId = await activeLandlord();
      const { body: agreement } = await service.http.post(`/landlords/${landlordId}/agreements`).set(staff).send(anAgreement()).expect(201);
      await service.http.post(`/landlords/${landlordId}/agreements/${agreement.id}/sign`).set(staff).expect(200);

      const refused = await service.http.post(`/landlords/${landlordId}/offboard`).set(staff).send({}).expect(409);
      expect(refused.body.code).toBe('LANDLORD.HAS_SIGNED_AGREEMENTS');

      await service.http
        .post(`/landlords/${landlordId}/agreements/${agreement.id}/end`)
        .set(staff)
        .send({ endedOn: '2028-06-30', reason: 'owner sells the building' })
        .expect(200);
      await service.http.post(`/landlords/${landlordId}/offboard`).set(staff).send({}).expect(200);
      await waitForEvents(Topics.landlords, landlordId, ['AgreementEnded', 'LandlordOffboarded']);
    });
  });

  describe('bad input writes nothing and publishes nothing', () => {
    it.each([
      ['an empty body', {}, ['kind', 'name', 'contact', 'preferredLanguage', 'bankAccount']],
      ['an invalid IBAN and email', aLandlordRegistration({ bankAccount: 'BE68 5390 0754 7035', contact: { email: 'not-an-email' } }), ['bankAccount', 'contact.email']],
      ['a company without its number', aLandlordRegistration({ kind: 'company' }), ['companyNumber']],
      ['an unknown field', aLandlordRegistration({ nationality: 'BE' }), ['nationality']],
    ])('POST /landlords with %s → 400 naming the fields', async (_case, body, fields) => {
      const before = await databaseSnapshot();

      const response = await register(body as never).expect(400);

      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await databaseSnapshot()).toEqual(before);
    });

    it('POST /landlords/:id/suspend without a reason → 400, landlord unchanged, no event', async () => {
      const landlordId = await activeLandlord();
      await waitForEvents(Topics.landlords, landlordId, ['LandlordVerified']);
      const before = await databaseSnapshot();

      const response = await service.http.post(`/landlords/${landlordId}/suspend`).set(staff).send({}).expect(400);

      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      expect(await databaseSnapshot()).toEqual(before);
      await settled(service);
      expect((await readEvents(Topics.landlords, landlordId)).map((e) => e.type)).toEqual(['LandlordRegistered', 'LandlordVerified']);
    });

    it.each([
      ['a head lease of two years', anAgreement({ endDate: '2028-12-31' }), 'endDate'],
      ['an end before the start', anAgreement({ scheme: 'direct_let', endDate: '2026-01-01' }), 'endDate'],
      ['a loan repayment above the rent', anAgreement({ renovationLoan: { amount: 5000, monthlyRepayment: 900 } }), 'renovationLoan.monthlyRepayment'],
      ['a loan that cannot be repaid in time', anAgreement({ renovationLoan: { amount: 500000, monthlyRepayment: 100 } }), 'renovationLoan.amount'],
      ['a negative rent', anAgreement({ guaranteedMonthlyRent: -5 }), 'guaranteedMonthlyRent'],
      ['an unknown scheme', anAgreement({ scheme: 'timeshare' }), 'scheme'],
    ])('POST agreements with %s → 400 naming %s, nothing written', async (_case, body, field) => {
      const landlordId = await activeLandlord();
      const before = await databaseSnapshot();

      const response = await service.http.post(`/landlords/${landlordId}/agreements`).set(staff).send(body).expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await databaseSnapshot()).toEqual(before);
    });

    it('POST agreements/:id/end with a malformed date → 400, agreement still signed', async () => {
      const landlordId = await activeLandlord();
      const { body: agreement } = await service.http.post(`/landlords/${landlordId}/agreements`).set(staff).send(anAgreement()).expect(201);
      await service.http.post(`/landlords/${landlordId}/agreements/${agreement.id}/sign`).set(staff).expect(200);
      const before = await databaseSnapshot();

      const response = await service.http
        .post(`/landlords/${landlordId}/agreements/${agreement.id}/end`)
        .set(staff)
        .send({ endedOn: '30/06/2028', reason: 'sold' })
        .expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['endedOn']);
      expect(await databaseSnapshot()).toEqual(before);
    });
  });

  describe('access', () => {
    it.each(['caseworker', 'inspector', 'board_member', 'landlord'] as const)('refuses registration to a %s (403)', async (role) => {
      const response = await service.http.post('/landlords').set(bearer(role)).send(aLandlordRegistration()).expect(403);
      expect(response.body.status).toBe(403);
    });

    it('refuses requests without a token (401)', async () => {
      await service.http.get('/landlords').expect(401);
    });

    it('shows a landlord their own record and agreements, and someone else’s as not found (404)', async () => {
      const own = await activeLandlord();
      const other = await activeLandlord();
      const asOwner = bearer('landlord', { landlordId: own });

      await service.http.get(`/landlords/${own}`).set(asOwner).expect(200);
      await service.http.get(`/landlords/${own}/agreements`).set(asOwner).expect(200);
      const hidden = await service.http.get(`/landlords/${other}`).set(asOwner).expect(404);
      await service.http.get(`/landlords/${other}/agreements`).set(asOwner).expect(404);
      expect(hidden.body.code).toBe('LANDLORD.NOT_FOUND');
      const list = await service.http.get('/landlords?limit=100').set(asOwner).expect(200);
      expect(list.body.items.map((l: { id: string }) => l.id)).toEqual([own]);
    });

    it('does not let a landlord verify themselves (403)', async () => {
      const own = await activeLandlord();
      await service.http.post(`/landlords/${own}/suspend`).set(bearer('landlord', { landlordId: own })).send({ reason: 'x' }).expect(403);
    });
  });

  describe('state machine and concurrency', () => {
    it('answers an invalid transition with 409 and a code', async () => {
      const { body } = await register().expect(201);

      const response = await service.http.post(`/landlords/${body.id}/reactivate`).set(staff).send({}).expect(409);

      expect(response.body).toMatchObject({ code: 'LANDLORD.INVALID_TRANSITION', status: 409 });
    });

    it('refuses a change made from a stale version (409 CONCURRENCY.STALE)', async () => {
      const id = await activeLandlord(); // version 2

      const response = await service.http.post(`/landlords/${id}/suspend`).set(staff).send({ reason: 'audit', expectedVersion: 1 }).expect(409);

      expect(response.body.code).toBe('CONCURRENCY.STALE');
    });

    it('lists landlords filtered by status with paging', async () => {
      const id = await activeLandlord();
      await service.http.post(`/landlords/${id}/suspend`).set(staff).send({ reason: 'investigation' }).expect(200);

      const { body } = await service.http.get('/landlords?status=suspended&limit=5').set(staff).expect(200);

      expect(body).toMatchObject({ limit: 5, offset: 0 });
      expect(body.items.every((l: { status: string }) => l.status === 'suspended')).toBe(true);
      expect(body.items.map((l: { id: string }) => l.id)).toContain(id);
    });
  });

  it('serves OpenAPI, health and metrics, the event backbone’s included', async () => {
    await activeLandlord();
    const docs = await service.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/landlords', '/landlords/{landlordId}/verify']));
    const health = await service.http.get('/health').expect(200);
    expect(health.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' }, kafka: { status: 'up' } });
    const metrics = await eventually(async () => {
      const response = await service.http.get('/metrics').expect(200);
      expect(Number(/^hearth_outbox_published_events_total\{[^}]*\} (\d+)$/m.exec(response.text)?.[1])).toBeGreaterThanOrEqual(2);
      return response;
    });
    expect(metrics.text).toContain('http_request_duration_seconds');
    expect(metrics.text).toMatch(/^hearth_outbox_pending_events\{[^}]*\} \d+$/m);
    expect(metrics.text).toMatch(/^hearth_outbox_oldest_pending_seconds\{[^}]*\} [\d.]+$/m);
  });
});
