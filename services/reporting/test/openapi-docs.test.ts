import { bearer, fuzzOpenApi, fuzzTotals, TestApp, undocumentedResponses } from '@hearth/testing';
import { startReporting } from './support';

const staffToken = bearer('sra_staff');
const admin = bearer('sra_admin');

describe('reporting: OpenAPI document and fuzzing every endpoint from it', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startReporting();
  });

  afterAll(() => service?.close());

  it('documents a success response and problem+json error responses for every operation', async () => {
    const { body: document } = await service.http.get('/docs-json').expect(200);

    expect(undocumentedResponses(document)).toEqual([]);
  });

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const report = await fuzzOpenApi(service, {
      service: 'reporting',
      headers: (operation) => (operation.includes(' /admin/') ? admin : staffToken),
      // A closed day's answers are stored by the reads that first compute them and by the daily
      // snapshot job (queued by an accepted POST /snapshots), both in the background of the run.
      ignoredTables: ['indicator_snapshots', 'snapshot_days'],
    });

    console.log(fuzzTotals(report));
    expect(report.findings).toEqual([]);
    expect(report.serverErrors).toBe(0);
  }, 180_000);
});
