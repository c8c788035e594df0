import { Topics } from '@hearth/contracts';
import { aUnit, bearer, eventually, LandlordEventStream, PrivatePostgres, queryDatabase, readEvents, TestApp, testEnv, TestProducer } from '@hearth/testing';
import { startUnits } from './support';

const staff = bearer('sra_staff');

/**
 * The units service on its own PostgreSQL server, stopped for real: requests answer 503
 * problem+json (not 500, not a hang), /health names the database, and everything resumes by
 * itself when it is back — including the events consumed meanwhile.
 */
describe('units while PostgreSQL is down', () => {
  let postgres: PrivatePostgres;
  let service: TestApp;
  let producer: TestProducer;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    service = await startUnits(testEnv('units', { DATABASE_URL: postgres.url }));
    producer = await TestProducer.connect();
  }, 90_000);

  afterAll(async () => {
    await producer?.disconnect();
    await service?.app.close().catch(() => undefined);
    postgres?.destroy();
  });

  const knownLandlordStatus = async (id: string) =>
    (await queryDatabase<{ status: string }>(service.database, 'SELECT status FROM known_landlords WHERE id = $1', [id], postgres.url))[0]?.status;

  it('answers 503 while the database is down, says which dependency is down, and resumes by itself', async () => {
    const landlord = new LandlordEventStream();
    for (const event of [landlord.registered(), landlord.verified(), landlord.agreementSigned()]) await producer.send(Topics.landlords, landlord.landlordId, event);
    const landlordId = landlord.landlordId;
    await eventually(async () => expect(await knownLandlordStatus(landlordId)).toBe('active'), 30_000);
    await service.http.post('/units').set(staff).send(aUnit().forLandlord(landlordId).build()).expect(201);

    postgres.stop();
    let during: { read: { status: number; headers: Record<string, string>; body: Record<string, unknown> }; write: { status: number; body: Record<string, unknown> }; healthBody: Record<string, unknown>; ms: number };
    const later = new LandlordEventStream();
    try {
      const started = Date.now();
      const read = await service.http.get('/units');
      const write = await service.http.post('/units').set(staff).send(aUnit().forLandlord(landlordId).build());
      const health = await service.http.get('/health');
      during = { read: { status: read.status, headers: read.headers, body: read.body }, write: { status: write.status, body: write.body }, healthBody: health.body, ms: Date.now() - started };
      expect(health.status).toBe(503);
      // Events consumed while it is down wait; none is dead-lettered.
      for (const event of [later.registered(), later.verified()]) await producer.send(Topics.landlords, later.landlordId, event);
    } finally {
      postgres.resume();
    }

    expect(during.read.status).toBe(401); // no token: refused before any database work
    expect(during.write).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', status: 503 } });
    expect(during.ms).toBeLessThan(20_000);
    expect(during.healthBody).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });

    await eventually(() => service.http.get('/health').expect(200), 30_000);
    await service.http.post('/units').set(staff).send(aUnit().forLandlord(landlordId).build()).expect(201);
    await eventually(async () => expect(await knownLandlordStatus(later.landlordId)).toBe('active'), 60_000);
    // Other suites put deliberately broken events on the same shared topic: count only this test's.
    const parked = await queryDatabase(service.database, 'SELECT event_id FROM parked_events WHERE message_key = ANY($1)', [[landlordId, later.landlordId]], postgres.url);
    expect(parked).toEqual([]);
    await eventually(async () => {
      const drafted = (await readEvents(Topics.units)).filter((event) => event.type === 'UnitDrafted' && (event.payload as { landlordId?: string }).landlordId === landlordId);
      expect(drafted.length).toBeGreaterThanOrEqual(2);
    }, 30_000);
  });
});
