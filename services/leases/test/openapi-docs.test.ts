import { TestApp, undocumentedResponses } from '@hearth/testing';
import { leasesEnv, startLeases } from './support';

describe('leases: OpenAPI document', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startLeases(leasesEnv());
  });

  afterAll(() => service?.close());

  it('documents a success response and problem+json error responses for every operation', async () => {
    const { body: document } = await service.http.get('/docs-json').expect(200);

    expect(undocumentedResponses(document)).toEqual([]);
  });
});
