import { Topics } from '@hearth/contracts';
import {
  aHouseholdReference,
  bearer,
  eventually,
  OfferEventStream,
  queryDatabase,
  readEvents,
  settled,
  TestApp,
  TestProducer,
  waitForEvents,
} from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { availableUnit as availableUnitOf, heardActiveLandlord, staff, startUnits, statusOf as statusOfUnit } from './support';

/** The units service hearing hearth.matching: an accepted offer reserves the flat. */
describe('units reacting to offers', () => {
  let service: TestApp;
  let producer: TestProducer;
  let landlordId: string;

  beforeAll(async () => {
    service = await startUnits();
    producer = await TestProducer.connect();
    landlordId = await heardActiveLandlord(service, producer);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  const statusOf = (unitId: string) => statusOfUnit(service, unitId);
  const publishOffer = (event: { aggregateId: string }) => producer.send(Topics.matching, event.aggregateId, event);

  const availableUnit = () => availableUnitOf(service, producer, landlordId);

  const anOffer = (unitId: string) => new OfferEventStream({ unitId, householdId: randomUUID(), reference: aHouseholdReference() });

  it('reserves a flat when an offer of it is accepted, and releases it when that offer falls through', async () => {
    const unitId = await availableUnit();
    const offer = anOffer(unitId);

    await publishOffer(offer.made());
    await publishOffer(offer.accepted());

    await eventually(async () => expect(await statusOf(unitId)).toBe('reserved'), 30_000);
    const [reserved] = (await waitForEvents(Topics.units, unitId, ['UnitReserved'])).filter((e) => e.type === 'UnitReserved');
    expect(reserved.payload).toEqual({ unitId, landlordId, offerId: offer.offerId });
    expect(JSON.stringify(reserved.payload)).not.toContain(offer.offer.householdId);

    await publishOffer(offer.withdrawn('accepted'));

    await eventually(async () => expect(await statusOf(unitId)).toBe('available'), 30_000);
    const types = (await waitForEvents(Topics.units, unitId, ['UnitReleased'])).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['UnitReleased', 'UnitBecameAvailable']);
  });

  it('shows a landlord that their flat is reserved, without any household details', async () => {
    const unitId = await availableUnit();
    const offer = anOffer(unitId);
    await publishOffer(offer.accepted());
    await eventually(async () => expect(await statusOf(unitId)).toBe('reserved'), 30_000);

    const { body } = await service.http.get(`/units/${unitId}`).set(bearer('landlord', { landlordId })).expect(200);

    expect(body.status).toBe('reserved');
    expect(JSON.stringify(body)).not.toContain(offer.offer.householdId);
    expect(JSON.stringify(body)).not.toContain(offer.offer.reference);
  });

  it('ignores a second acceptance for a flat already reserved for another offer, and a withdrawal of an offer it is not held for', async () => {
    const unitId = await availableUnit();
    const first = anOffer(unitId);
    const second = anOffer(unitId);
    await publishOffer(first.accepted());
    await eventually(async () => expect(await statusOf(unitId)).toBe('reserved'), 30_000);

    const late = second.accepted();
    const stray = second.withdrawn('accepted');
    await publishOffer(late);
    await publishOffer(stray);

    await eventually(async () => {
      const consumed = await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = ANY($1)', [[late.id, stray.id]]);
      expect(consumed).toHaveLength(2);
    }, 30_000);
    await settled(service);
    expect(await statusOf(unitId)).toBe('reserved');
    const [row] = await queryDatabase<{ reserved_offer_id: string }>(service.database, 'SELECT reserved_offer_id FROM units WHERE id = $1', [unitId]);
    expect(row.reserved_offer_id).toBe(first.offerId);
    expect((await readEvents(Topics.units, unitId)).filter((e) => e.type === 'UnitReserved')).toHaveLength(1);
  });
});
