import { aUnit, bearer, fuzzOpenApi, fuzzTotals, undocumentedResponses, TestApp, TestProducer } from '@hearth/testing';
import { heardActiveLandlord, staff, startUnits } from './support';

/** Every operation of the units API, fuzzed from its OpenAPI document: never a 5xx, problem+json on every 4xx, nothing written on a 4xx. */
const admin = bearer('sra_admin');

describe('units: fuzzing every endpoint from the OpenAPI document', () => {
  let service: TestApp;
  let producer: TestProducer;
  let landlordId: string;
  let unitId: string;

  beforeAll(async () => {
    service = await startUnits();
    producer = await TestProducer.connect();
    landlordId = await heardActiveLandlord(service, producer);
    unitId = (await service.http.post('/units').set(staff).send(aUnit().forLandlord(landlordId).build()).expect(201)).body.id;
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const report = await fuzzOpenApi(service, {
      service: 'units',
      headers: (operation) => (operation.includes(' /admin/') ? admin : staff),
      knownValues: { id: [unitId], unitId: [unitId], landlordId: [landlordId] },
      examples: {
        'POST /units': aUnit().forLandlord(landlordId).build(),
        'PATCH /units/{unitId}': { rent: 720.5, availableFrom: '2027-03-01' },
        'POST /units/{unitId}/withdraw': { reason: 'The owner sold the flat' },
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
