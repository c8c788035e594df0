import { Topics } from '@hearth/contracts';
import {
  aHouseholdReference,
  aUnit,
  eventually,
  InspectionEventStream,
  OfferEventStream,
  queryDatabase,
  readEvents,
  settled,
  TenancyEventStream,
  TestApp,
  TestProducer,
  waitForEvents,
} from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { availableUnit as availableUnitOf, heardActiveLandlord, staff, startUnits, statusOf as statusOfUnit } from './support';

/** The units service hearing hearth.leases: a tenancy starting lets the flat, notice makes it vacating,
 *  and its move-out inspection (hearth.inspections) makes it available again. */
describe('units reacting to tenancies', () => {
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
  const publishTenancy = (event: { aggregateId: string }) => producer.send(Topics.leases, event.aggregateId, event);

  async function reservedUnit(): Promise<string> {
    const unit = { id: await availableUnitOf(service, producer, landlordId) };
    const offer = new OfferEventStream({ unitId: unit.id, householdId: randomUUID(), reference: aHouseholdReference() });
    await producer.send(Topics.matching, offer.offerId, offer.accepted());
    await eventually(async () => expect(await statusOf(unit.id)).toBe('reserved'), 30_000);
    return unit.id;
  }

  it('lets the reserved flat when its tenancy starts, and marks it vacating when notice is given', async () => {
    const unitId = await reservedUnit();
    const tenancy = new TenancyEventStream({ unitId, householdId: randomUUID(), reference: aHouseholdReference(), landlordId });

    await publishTenancy(tenancy.started());
    await eventually(async () => expect(await statusOf(unitId)).toBe('let'), 30_000);
    const let_ = (await waitForEvents(Topics.units, unitId, ['UnitLet'])).find((e) => e.type === 'UnitLet')!;
    expect(let_.payload).toEqual({ unitId, landlordId, leaseId: tenancy.tenancyId });

    await publishTenancy(tenancy.noticeGiven('2027-06-30'));
    await eventually(async () => expect(await statusOf(unitId)).toBe('vacating'), 30_000);
    const vacating = (await waitForEvents(Topics.units, unitId, ['UnitLet', 'UnitVacating'])).find((e) => e.type === 'UnitVacating')!;
    expect(vacating.payload).toEqual({ unitId, landlordId, leaseId: tenancy.tenancyId, vacatingOn: '2027-06-30' });
  });

  async function vacatingUnit(): Promise<string> {
    const unitId = await reservedUnit();
    const tenancy = new TenancyEventStream({ unitId, householdId: randomUUID(), reference: aHouseholdReference(), landlordId });
    await publishTenancy(tenancy.started());
    await publishTenancy(tenancy.noticeGiven('2027-06-30'));
    await eventually(async () => expect(await statusOf(unitId)).toBe('vacating'), 30_000);
    return unitId;
  }

  const publishInspection = (event: { aggregateId: string }) => producer.send(Topics.inspections, event.aggregateId, event);

  it('makes a vacating flat available for the next household once its move-out inspection is done', async () => {
    const unitId = await vacatingUnit();
    const periodic = new InspectionEventStream({ unitId, landlordId }, 'periodic').passed();
    await publishInspection(periodic);
    await eventually(async () => expect(await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = $1', [periodic.id])).toHaveLength(1), 30_000);
    expect(await statusOf(unitId)).toBe('vacating');

    // Minor wear found: the flat is let again as it is; the repairs follow the deficiencies' deadlines.
    await publishInspection(new InspectionEventStream({ unitId, landlordId }, 'move_out').completed({ moderate: 1, low: 2 }));

    await eventually(async () => expect(await statusOf(unitId)).toBe('available'), 30_000);
    const types = (await waitForEvents(Topics.units, unitId, ['UnitVacating', 'UnitBecameAvailable'])).map((e) => e.type);
    expect(types.slice(types.indexOf('UnitVacating'))).toEqual(['UnitVacating', 'UnitBecameAvailable']);
  });

  it('holds a vacating flat for repairs when its move-out inspection finds a severe deficiency, until the re-inspection passes', async () => {
    const unitId = await vacatingUnit();
    const moveOut = new InspectionEventStream({ unitId, landlordId }, 'move_out');

    await publishInspection(moveOut.completed({ severe: 1 }));
    await eventually(async () => expect(await statusOf(unitId)).toBe('pending_inspection'), 30_000);
    await publishInspection(new InspectionEventStream({ unitId, landlordId }, 'move_out', moveOut.inspectionId).passed());

    await eventually(async () => expect(await statusOf(unitId)).toBe('available'), 30_000);
    const types = (await waitForEvents(Topics.units, unitId, ['UnitSuspendedForRepairs'])).map((e) => e.type);
    expect(types.slice(types.indexOf('UnitVacating'))).toEqual(['UnitVacating', 'UnitSuspendedForRepairs', 'UnitBecameAvailable']);
  });

  it('ignores a tenancy start for a flat that is not reserved (logged, never dead-lettered)', async () => {
    const { body: unit } = await service.http.post('/units').set(staff).send(aUnit().forLandlord(landlordId).build()).expect(201);
    const stray = new TenancyEventStream({ unitId: unit.id, householdId: randomUUID(), reference: aHouseholdReference(), landlordId }).started();
    await publishTenancy(stray);
    await eventually(async () => {
      const consumed = await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = $1', [stray.id]);
      expect(consumed).toHaveLength(1);
    }, 30_000);
    await settled(service);
    expect(await statusOf(unit.id)).toBe('draft');
    expect((await readEvents(Topics.units, unit.id)).filter((e) => e.type === 'UnitLet')).toHaveLength(0);
  });
});
