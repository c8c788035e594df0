import { TestApp, undocumentedResponses } from '@hearth/testing';
import { startReporting } from './support';

describe('reporting: OpenAPI document', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startReporting();
  });

  afterAll(() => service?.close());

  it('documents a success response and problem+json error responses for every operation', async () => {
    const { body: document } = await service.http.get('/docs-json').expect(200);

    expect(undocumentedResponses(document)).toEqual([]);
  });
});
