import { bearer, fuzzOpenApi, fuzzTotals, undocumentedResponses, TestApp } from '@hearth/testing';
import { aHousehold, aUnit, bedroomLanes, makeAvailable, Publisher, startMatching, waitlist } from './support';

const staff = bearer('sra_staff');
const board = bearer('board_member');
const admin = bearer('sra_admin');
const nextLane = bedroomLanes(5000);

/**
 * Every operation of the matching API, fuzzed from its OpenAPI document: never a 5xx, problem+json
 * on every 4xx, nothing written on a 4xx. Allocation runs and shortlists are also written by jobs
 * in the background, so the table a refused request must leave alone is offers (and the outbox holds no event of the request).
 */
describe('matching: fuzzing every endpoint from the OpenAPI document', () => {
  let service: TestApp;
  let publisher: Publisher;
  const known: Record<string, string[]> = {};

  beforeAll(async () => {
    service = await startMatching();
    publisher = await Publisher.connect();
    const lane = nextLane();
    const households = [aHousehold(lane), aHousehold(lane)];
    await waitlist(service, publisher, ...households);
    const units = [aUnit(lane), aUnit(lane)];
    for (const unit of units) await makeAvailable(service, publisher, unit);
    const { body: offer } = await service.http.post('/offers').set(staff).send({ unitId: units[0].unitId, householdId: households[0].householdId, justification: 'Either household of the lane may come first; this one is chosen' }).expect(201);
    const { body: run } = await service.http.post('/allocation-runs').set(board).send({ mode: 'priority', units: [units[1].unitId] }).expect(202);
    known.unitId = units.map((u) => u.unitId);
    known.householdId = households.map((h) => h.householdId);
    known.offerId = [offer.id];
    known.runId = [run.id];
    known.id = [offer.id, run.id];
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await service?.close();
  });

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const report = await fuzzOpenApi(service, {
      service: 'matching',
      headers: (operation) => (operation.includes(' /admin/') ? admin : /^POST \/allocation-runs/.test(operation) ? board : staff),
      knownValues: known,
      watchedTables: ['offers'],
      examples: {
        'POST /offers': { unitId: known.unitId[1], householdId: known.householdId[1], justification: 'Closest to the school' },
        'POST /allocation-runs': { mode: 'optimal', weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 }, maxPerBuilding: 2, districtLimit: 3, units: 'all' },
        'POST /offers/{offerId}/decline': { reason: 'household.too_far_from_support', note: 'Too far from the clinic' },
        'POST /allocation-runs/{runId}/approve': { note: 'Approved as proposed' },
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
