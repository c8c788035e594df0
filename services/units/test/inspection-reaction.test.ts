import { dlqTopic, Topics } from '@hearth/contracts';
import {
  aUnit,
  eventually,
  InspectionEventStream,
  queryDatabase,
  readEvents,
  readTopic,
  settled,
  TestApp,
  TestProducer,
  waitForEvents,
} from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { heardActiveLandlord, staff, startUnits } from './support';

type Envelope = Record<string, unknown> & { id: string; aggregateId: string };

/** The units service hearing hearth.inspections: inspections decide when a flat may be offered. */
describe('units reacting to inspections', () => {
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

  const publish = (event: Envelope) => producer.send(Topics.inspections, event.aggregateId, event);
  const statusOf = async (unitId: string) => (await service.http.get(`/units/${unitId}`).set(staff).expect(200)).body.status;
  const unitEventTypes = async (unitId: string) => (await readEvents(Topics.units, unitId)).map((e) => e.type);

  /** A flat submitted for inspection: pending_inspection, its events published. */
  async function pendingUnit(): Promise<{ unitId: string; landlordId: string }> {
    const { body: unit } = await service.http.post('/units').set(staff).send(aUnit().forLandlord(landlordId).build()).expect(201);
    await service.http.post(`/units/${unit.id}/submit`).set(staff).send({}).expect(200);
    await waitForEvents(Topics.units, unit.id, ['UnitDrafted', 'UnitSubmittedForInspection']);
    return { unitId: unit.id, landlordId };
  }

  async function availableUnit(): Promise<{ unitId: string; landlordId: string }> {
    const unit = await pendingUnit();
    await publish(new InspectionEventStream(unit, 'initial').passed());
    await eventually(async () => expect(await statusOf(unit.unitId)).toBe('available'), 30_000);
    return unit;
  }

  async function wasConsumed(event: Envelope): Promise<void> {
    await eventually(async () => expect(await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = $1', [event.id])).toHaveLength(1), 30_000);
  }

  async function deadLettered(keys: string[]) {
    return (await readTopic(dlqTopic('units'))).filter((message) => message.key !== null && keys.includes(message.key));
  }

  it('makes a flat available when its initial inspection passes, publishing UnitBecameAvailable with its attributes', async () => {
    const unit = await pendingUnit();
    const passed = new InspectionEventStream(unit, 'initial').passed();

    await publish(passed);

    await eventually(async () => expect(await statusOf(unit.unitId)).toBe('available'), 30_000);
    const events = await waitForEvents(Topics.units, unit.unitId, ['UnitBecameAvailable']);
    const available = events.find((e) => e.type === 'UnitBecameAvailable')!;
    expect(available).toMatchObject({ aggregateVersion: 3, actor: { id: 'system', role: 'system' }, causationId: passed.id, correlationId: passed.correlationId });
    expect(available.payload).toMatchObject({ unitId: unit.unitId, landlordId, address: 'Rue Haute 120', district: 'BXL-C', bedrooms: 2, rent: 690, stepFree: true });
  });

  it('keeps a flat awaiting inspection when its initial inspection fails, and releases it when the re-inspection passes', async () => {
    const unit = await pendingUnit();
    const initial = new InspectionEventStream(unit, 'initial');
    const failed = initial.completed({ severe: 1, low: 2 });

    await publish(failed);
    await wasConsumed(failed);

    expect(await statusOf(unit.unitId)).toBe('pending_inspection');
    expect(await unitEventTypes(unit.unitId)).toEqual(['UnitDrafted', 'UnitSubmittedForInspection']);
    await publish(new InspectionEventStream(unit, 'initial', initial.inspectionId).passed());
    await eventually(async () => expect(await statusOf(unit.unitId)).toBe('available'), 30_000);
  });

  it('suspends an available flat for a severe deficiency found by a periodic inspection, until its re-inspection passes', async () => {
    const unit = await availableUnit();
    const periodic = new InspectionEventStream(unit, 'periodic');

    await publish(periodic.completed({ severe: 1, moderate: 1 }));

    await eventually(async () => expect(await statusOf(unit.unitId)).toBe('pending_inspection'), 30_000);
    const [suspended] = (await waitForEvents(Topics.units, unit.unitId, ['UnitSuspendedForRepairs'])).filter((e) => e.type === 'UnitSuspendedForRepairs');
    expect(suspended.payload).toEqual({ unitId: unit.unitId, landlordId, inspectionId: periodic.inspectionId });

    await publish(new InspectionEventStream(unit, 'periodic', periodic.inspectionId).passed());

    await eventually(async () => expect(await statusOf(unit.unitId)).toBe('available'), 30_000);
    await eventually(async () =>
      expect(await unitEventTypes(unit.unitId)).toEqual(['UnitDrafted', 'UnitSubmittedForInspection', 'UnitBecameAvailable', 'UnitSuspendedForRepairs', 'UnitBecameAvailable']),
    );
  });

  it('says why a flat is pending, and releases it only by the right inspection: its initial one, or after repairs a re-inspection', async () => {
    const unit = await pendingUnit();
    const unitView = async () => (await service.http.get(`/units/${unit.unitId}`).set(staff).expect(200)).body;
    expect(await unitView()).toMatchObject({ status: 'pending_inspection', pendingReason: 'initial_inspection' });
    const routine = new InspectionEventStream(unit, 'periodic').passed();

    await publish(routine);
    await wasConsumed(routine);

    expect(await unitView()).toMatchObject({ status: 'pending_inspection', pendingReason: 'initial_inspection' });
    await publish(new InspectionEventStream(unit, 'initial').passed());
    await eventually(async () => expect(await unitView()).toMatchObject({ status: 'available', pendingReason: null }), 30_000);

    await publish(new InspectionEventStream(unit, 'complaint').completed({ severe: 1 }));
    await eventually(async () => expect(await unitView()).toMatchObject({ status: 'pending_inspection', pendingReason: 'repairs' }), 30_000);
    const anotherInitial = new InspectionEventStream(unit, 'initial').passed();
    await publish(anotherInitial);
    await wasConsumed(anotherInitial);
    expect(await unitView()).toMatchObject({ status: 'pending_inspection', pendingReason: 'repairs' });
  });

  it('suspends an available flat for a life-threatening deficiency found after a complaint', async () => {
    const unit = await availableUnit();

    await publish(new InspectionEventStream(unit, 'complaint').completed({ life_threatening: 1 }));

    await eventually(async () => expect(await statusOf(unit.unitId)).toBe('pending_inspection'), 30_000);
  });

  it.each([
    ['a periodic inspection whose worst deficiency is moderate', 'periodic', { moderate: 2, low: 1 }],
    ['a move-out inspection with a severe deficiency', 'move_out', { severe: 1 }],
  ] as const)('keeps a flat available after %s', async (_case, type, deficiencies) => {
    const unit = await availableUnit();
    const failed = new InspectionEventStream(unit, type).completed(deficiencies);

    await publish(failed);
    await wasConsumed(failed);

    expect(await statusOf(unit.unitId)).toBe('available');
    expect(await unitEventTypes(unit.unitId)).not.toContain('UnitSuspendedForRepairs');
  });

  it('ignores quietly, without dead-lettering, outcomes that do not fit the flat, a flat it does not have and a repeated event', async () => {
    const unit = await availableUnit();
    const before = await unitEventTypes(unit.unitId);
    const repeated = new InspectionEventStream(unit, 'initial').passed();
    const unknownUnit = new InspectionEventStream({ unitId: randomUUID(), landlordId }, 'periodic').completed({ severe: 1 });
    const failedInitial = new InspectionEventStream(unit, 'initial').completed({ life_threatening: 1 });
    const events = [repeated, repeated, unknownUnit, failedInitial];

    for (const event of events) await publish(event);
    for (const event of events) await wasConsumed(event);

    await settled(service);
    expect(await statusOf(unit.unitId)).toBe('available');
    expect(await unitEventTypes(unit.unitId)).toEqual(before);
    expect(await deadLettered(events.map((e) => e.aggregateId))).toEqual([]);
  });
});
