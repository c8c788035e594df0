import { bearer, fuzzOpenApi, fuzzTotals, TestApp, undocumentedResponses } from '@hearth/testing';
import { leasesEnv, startLeases } from './support';

const staffToken = bearer('sra_staff');
const admin = bearer('sra_admin');

describe('leases: OpenAPI document and fuzzing every endpoint from it', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startLeases(leasesEnv());
  });

  afterAll(() => service?.close());

  it('documents a success response and problem+json error responses for every operation', async () => {
    const { body: document } = await service.http.get('/docs-json').expect(200);

    expect(undocumentedResponses(document)).toEqual([]);
  });

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const report = await fuzzOpenApi(service, {
      service: 'leases',
      headers: (operation) => (operation.includes(' /admin/') ? admin : staffToken),
    });

    console.log(fuzzTotals(report));
    expect(report.findings).toEqual([]);
    expect(report.serverErrors).toBe(0);
  }, 180_000);
});
