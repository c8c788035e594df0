import { Topics } from '@hearth/contracts';
import { bearer, clearRedisPrefix, eventually, fuzzOpenApi, fuzzTotals, undocumentedResponses, queryDatabase, startTestApp, TestApp, testEnv, TestProducer, UnitEventStream } from '@hearth/testing';
import { loadInspectionsConfig } from '../src/config';
import { InspectionsModule } from '../src/inspections.module';

const staff = bearer('sra_staff');
const admin = bearer('sra_admin');

/** Every operation of the inspections API, fuzzed from its OpenAPI document: never a 5xx, problem+json on every 4xx, nothing written on a 4xx. */
describe('inspections: fuzzing every endpoint from the OpenAPI document', () => {
  const env = testEnv('inspections');
  let service: TestApp;
  let producer: TestProducer;
  let unitId: string;
  let inspectionId: string;
  let itemCodes: string[];

  beforeAll(async () => {
    service = await startTestApp(InspectionsModule.forRoot(loadInspectionsConfig(env), { consumer: { maxAttempts: 2, initialBackoffMs: 20 } }), env.DATABASE_NAME!);
    producer = await TestProducer.connect();
    const unit = new UnitEventStream();
    unitId = unit.unitId;
    for (const event of [unit.drafted(), unit.submitted()]) await producer.send(Topics.units, event.aggregateId, event);
    inspectionId = await eventually(async () => {
      const [row] = await queryDatabase<{ id: string }>(service.database, 'SELECT id FROM inspections WHERE unit_id = $1', [unitId]);
      expect(row).toBeDefined();
      return row.id;
    }, 30_000);
    const { body } = await service.http.get('/checklist').set(staff).expect(200);
    itemCodes = body.areas.flatMap((area: { items: { code: string }[] }) => area.items.map((item) => item.code));
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
  });

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const report = await fuzzOpenApi(service, {
      service: 'inspections',
      headers: (operation) => (operation.includes(' /admin/') ? admin : staff),
      knownValues: { id: [inspectionId], inspectionId: [inspectionId], unitId: [unitId], itemCode: itemCodes.slice(0, 5), inspectorId: ['inspector-fuzz'] },
      examples: {
        'POST /inspections': { unitId, type: 'periodic', note: 'Yearly visit' },
        'POST /inspections/{inspectionId}/schedule': { inspectorId: 'inspector-fuzz', scheduledAt: '2031-06-12T08:00:00Z' },
        'POST /inspections/{inspectionId}/reschedule': { scheduledAt: '2031-06-13T08:00:00Z' },
        'PUT /inspections/{inspectionId}/items/{itemCode}': { result: 'fail', severity: 'moderate', note: 'Damp patch behind the wardrobe', photos: [] },
        'POST /inspections/{inspectionId}/no-access': { note: 'Nobody at the door' },
        'POST /inspections/{inspectionId}/cancel': { reason: 'The flat was withdrawn' },
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
