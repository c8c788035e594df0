import { Topics } from '@hearth/contracts';
import { bearer, eventually, PrivateRedis, queryDatabase, TestApp, waitForEvents } from '@hearth/testing';
import { aHousehold, aUnit, bedroomLanes, makeAvailable, Publisher, startMatching, waitlist } from './support';

const staff = bearer('sra_staff');
const nextLane = bedroomLanes(6000); // lanes no other suite uses (households arrive on the shared topic)
const RESPONSE_MS = 4_000;

/**
 * Matching with its own Redis, stopped for real: requests never wait on it, and every job that
 * should exist (an offer's expiry, a shortlist) exists again once it is back — Redis keeps
 * nothing on disk here, so everything it held is lost and must be rebuilt from the database.
 */
describe('matching while Redis is down', () => {
  let redis: PrivateRedis;
  let service: TestApp;
  let publisher: Publisher;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    service = await startMatching({ REDIS_URL: redis.url, OFFER_RESPONSE_MS: String(RESPONSE_MS), JOB_SWEEP_INTERVAL_MS: '500' });
    publisher = await Publisher.connect();
  }, 60_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await redis?.resume().catch(() => undefined);
    // Bounded like the service's own graceful stop (runService): after a Redis restart, closing the
    // in-process app's queue connections can take long on a loaded machine (under investigation).
    await Promise.race([service?.close(), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    await redis?.stop();
  }, 120_000);

  it('makes an offer promptly while Redis is down, and the offer still expires at its deadline once Redis is back', async () => {
    const lane = nextLane();
    const [first, second] = [aHousehold(lane).withPriority(90), aHousehold(lane).withPriority(70)];
    await waitlist(service, publisher, first, second);
    const unit = aUnit(lane);
    await makeAvailable(service, publisher, unit);
    const { body: offer } = await service.http.post('/offers').set(staff).send({ unitId: unit.unitId, householdId: first.householdId }).expect(201);

    await redis.stop();
    const started = Date.now();
    const { body: made } = await service.http.post(`/offers/${offer.id}/make`).set(staff).send({}).expect(200);
    const tookMs = Date.now() - started;
    const health = await service.http.get('/health').expect(503);
    await redis.resume(); // empty: the expiry job queued (or not) before is gone

    expect(made.status).toBe('offered');
    expect(tookMs).toBeLessThan(RESPONSE_MS); // answered, not held up by Redis (the timeout is 1 s)
    expect(health.body).toMatchObject({ error: { redis: { status: 'down' } } });
    const [expired] = await waitForEvents(Topics.matching, offer.id, ['OfferExpired'], 30_000).then((events) => events.filter((e) => e.type === 'OfferExpired'));
    expect(expired.payload).toMatchObject({ responseDeadline: made.responseDeadline });
    await eventually(async () => {
      const { body } = await service.http.get(`/offers?unitId=${unit.unitId}&status=proposed`).set(staff).expect(200);
      expect(body.items).toEqual([expect.objectContaining({ householdId: second.householdId, source: 'next_on_shortlist' })]);
    }, 30_000);
  });

  it('computes the shortlist of a flat that became available while Redis was down, once it is back', async () => {
    const lane = nextLane();
    const household = aHousehold(lane).withPriority(80);
    await waitlist(service, publisher, household);
    const unit = aUnit(lane);

    await redis.stop();
    try {
      await publisher.units(unit.becameAvailable());
      await eventually(async () => {
        const [row] = await queryDatabase(service.database, 'SELECT status FROM available_units WHERE unit_id = $1', [unit.unitId]);
        expect(row).toEqual({ status: 'available' });
      }, 30_000);
    } finally {
      await redis.resume();
    }

    await eventually(async () => {
      const { body } = await service.http.get(`/units/${unit.unitId}/shortlist`).set(staff).expect(200);
      expect(body.entries.map((entry: { householdId: string }) => entry.householdId)).toEqual([household.householdId]);
    }, 30_000);
  });
});
