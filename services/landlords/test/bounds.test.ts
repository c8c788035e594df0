import { aLandlordRegistration, anAgreement, bearer, queryDatabase, startTestApp, TestApp, testEnv } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { loadLandlordsConfig } from '../src/config';
import { LandlordsModule } from '../src/landlords.module';

const staff = bearer('sra_staff');

/** Amounts and dates a column cannot hold, control characters, codes as typed: a 400 naming the field, nothing written, nothing published. */
describe('landlords: bounded input, codes normalised', () => {
  let service: TestApp;
  let landlordId: string;

  beforeAll(async () => {
    const env = testEnv('landlords', { BANK_ACCOUNT_KEY: randomBytes(32).toString('base64') });
    service = await startTestApp(LandlordsModule.forRoot(loadLandlordsConfig(env)), env.DATABASE_NAME!);
    landlordId = (await service.http.post('/landlords').set(staff).send(aLandlordRegistration()).expect(201)).body.id;
    await service.http.post(`/landlords/${landlordId}/verify`).set(staff).send({}).expect(200);
  });

  afterAll(() => service?.close());

  async function snapshot() {
    const [row] = await queryDatabase(
      service.database,
      `SELECT (SELECT count(*) FROM landlords) AS landlords, (SELECT coalesce(sum(version), 0) FROM landlords) AS versions,
              (SELECT count(*) FROM agreements) AS agreements, (SELECT count(*) FROM outbox) AS outbox`,
    );
    return row;
  }

  it.each([
    ['a guaranteed rent beyond the column', { guaranteedMonthlyRent: 1e12 }, 'guaranteedMonthlyRent'],
    ['a guaranteed rent with three decimals', { guaranteedMonthlyRent: 950.125 }, 'guaranteedMonthlyRent'],
    ['a damage cap beyond any amount', { coverage: { rentArrears: true, vacancy: true, damageCap: 5e15, legalCosts: true } }, 'coverage.damageCap'],
    ['a start in year 0000', { startDate: '0000-01-01' }, 'startDate'],
    ['an end in year 20000', { endDate: '20000-01-01' }, 'endDate'],
  ])('refuses an agreement with %s: 400 naming the field, nothing written', async (_case, change, field) => {
    const before = await snapshot();

    const response = await service.http.post(`/landlords/${landlordId}/agreements`).set(staff).send({ ...anAgreement(), ...change });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['a bell character in the name', { name: 'Ann\u0007 Peeters' }, 'name'],
    ['a NUL in the postal address', { contact: { email: 'ann@example.org', postalAddress: 'Rue\u0000 Haute' } }, 'contact.postalAddress'],
    ['an IBAN of 5,000 characters', { bankAccount: 'BE'.repeat(2_500) }, 'bankAccount'],
  ])('refuses a registration with %s: 400 naming the field, nothing written', async (_case, change, field) => {
    const before = await snapshot();

    const response = await service.http.post('/landlords').set(staff).send({ ...aLandlordRegistration(), ...change });

    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a NUL in a query filter with a 400 naming it', async () => {
    const response = await service.http.get('/landlords?search=Ann%00').set(staff);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['search']);
  });

  it('stores a company number normalised', async () => {
    const { body } = await service.http
      .post('/landlords')
      .set(staff)
      .send(aLandlordRegistration({ kind: 'company', name: 'Rivers SRL', companyNumber: ' be  0123.456.789 ' }))
      .expect(201);

    expect(body.companyNumber).toBe('BE 0123.456.789');
  });
});
