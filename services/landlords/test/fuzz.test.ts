import { aLandlordRegistration, anAgreement, bearer, fuzzOpenApi, fuzzTotals, undocumentedResponses, startTestApp, TestApp, testEnv } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { loadLandlordsConfig } from '../src/config';
import { LandlordsModule } from '../src/landlords.module';

const staff = bearer('sra_staff');
const admin = bearer('sra_admin');

/** Every operation of the landlords API, fuzzed from its OpenAPI document: never a 5xx, problem+json on every 4xx, nothing written on a 4xx. */
describe('landlords: fuzzing every endpoint from the OpenAPI document', () => {
  let service: TestApp;
  let landlordId: string;
  let agreementId: string;

  beforeAll(async () => {
    const env = testEnv('landlords', { BANK_ACCOUNT_KEY: randomBytes(32).toString('base64') });
    service = await startTestApp(LandlordsModule.forRoot(loadLandlordsConfig(env)), env.DATABASE_NAME!);
    landlordId = (await service.http.post('/landlords').set(staff).send(aLandlordRegistration()).expect(201)).body.id;
    agreementId = (await service.http.post(`/landlords/${landlordId}/agreements`).set(staff).send(anAgreement()).expect(201)).body.id;
  });

  afterAll(() => service?.close());

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const registration = aLandlordRegistration();
    const report = await fuzzOpenApi(service, {
      service: 'landlords',
      headers: (operation) => (operation.includes(' /admin/') ? admin : staff),
      knownValues: { id: [landlordId], landlordId: [landlordId], agreementId: [agreementId] },
      examples: {
        'POST /landlords': registration,
        'PUT /landlords/{landlordId}/details': { name: registration.name, contact: registration.contact, bankAccount: registration.bankAccount },
        'POST /landlords/{landlordId}/agreements': anAgreement(),
        'POST /landlords/{landlordId}/agreements/{agreementId}/end': { endedOn: '2027-06-30', reason: 'The owner sells' },
        'POST /landlords/{landlordId}/suspend': { reason: 'Unpaid repairs' },
      },
    });

    console.log(fuzzTotals(report));
    expect(report.findings).toEqual([]);
    expect(report.serverErrors).toBe(0);
  }, 180_000);

  it('documents a success response and problem+json error responses for every operation', async () => {
    const { body: document } = await service.http.get('/docs-json').expect(200);

    expect(undocumentedResponses(document)).toEqual([]);
  });
});
