import { dlqTopic, Topics } from '@hearth/contracts';
import {
  aUnit,
  bearer,
  eventually,
  LandlordEventStream,
  queryDatabase,
  readEvents,
  readTopic,
  settled,
  TestApp,
  testEnv,
  TestProducer,
  waitForEvents,
} from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { staff, startUnits } from './support';

describe('units service', () => {
  let service: TestApp;
  let producer: TestProducer;
  let consumerGroup: string;

  beforeAll(async () => {
    const env = testEnv('units');
    consumerGroup = env.KAFKA_CONSUMER_GROUP!;
    service = await startUnits(env);
    producer = await TestProducer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  const publish = (event: { aggregateId: string }) => producer.send(Topics.landlords, event.aggregateId, event);

  async function knownLandlord(id: string) {
    const [row] = await queryDatabase<{ status: string; signed_agreement_ids: string[]; landlord_version: number }>(
      service.database,
      'SELECT status, signed_agreement_ids, landlord_version FROM known_landlords WHERE id = $1',
      [id],
    );
    return row;
  }

  /** A landlord the units service has heard is verified and has a signed agreement. */
  async function activeLandlordWithAgreement(): Promise<string> {
    const stream = new LandlordEventStream();
    for (const event of [stream.registered(), stream.verified(), stream.agreementSigned()]) await publish(event);
    await eventually(async () => expect(await knownLandlord(stream.landlordId)).toMatchObject({ status: 'active', landlord_version: 3 }), 30_000);
    return stream.landlordId;
  }

  /** hearth_consumed_events_total from /metrics, summed over the event types (or for one). */
  async function consumed(eventType: string | undefined, outcome: string): Promise<number> {
    const { text } = await service.http.get('/metrics').expect(200);
    return text
      .split('\n')
      .filter((line) => line.startsWith('hearth_consumed_events_total{') && line.includes(`outcome="${outcome}"`))
      .filter((line) => eventType === undefined || line.includes(`event_type="${eventType}"`))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  const draft = (landlordId: string, unit = aUnit()) => service.http.post('/units').set(staff).send(unit.forLandlord(landlordId).build());

  async function counts() {
    const [row] = await queryDatabase<Record<string, string>>(
      service.database,
      'SELECT (SELECT count(*) FROM units) AS units, (SELECT coalesce(sum(version), 0) FROM units) AS versions, (SELECT count(*) FROM outbox) AS outbox',
    );
    return row;
  }

  describe('landlord read model from hearth.landlords', () => {
    it('refuses a flat for a landlord it has not heard of, and accepts it once the landlord is verified', async () => {
      const stream = new LandlordEventStream();
      const refused = await draft(stream.landlordId).expect(409);
      expect(refused.body.code).toBe('UNIT.LANDLORD_NOT_ACTIVE');

      await publish(stream.registered());
      await publish(stream.verified());

      await eventually(() => draft(stream.landlordId).expect(201), 30_000);
    });

    it('applies a duplicated event once and ignores an older one', async () => {
      const stream = new LandlordEventStream();
      const registered = stream.registered();
      const verified = stream.verified();
      const signed = stream.agreementSigned();
      for (const event of [registered, verified, signed, signed, verified]) await publish(event);

      await eventually(async () => expect(await knownLandlord(stream.landlordId)).toMatchObject({ landlord_version: 3 }), 30_000);
      await settled(service);
      const row = await knownLandlord(stream.landlordId);
      expect(row.signed_agreement_ids).toHaveLength(1);
      expect(row.status).toBe('active');
      const inbox = await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = $1', [signed.id]);
      expect(inbox).toHaveLength(1);
      expect(await consumed('AgreementSigned', 'duplicate')).toBeGreaterThanOrEqual(1);
    });

    it('sends a poison message to the DLQ and keeps consuming the partition', async () => {
      const stream = new LandlordEventStream();
      await publish(stream.registered());
      await producer.send(Topics.landlords, stream.landlordId, '{"this is": "not an envelope"');
      const badPayload = { ...stream.verified(), payload: { landlordId: 'not-a-uuid', status: 'active' } };
      await publish(badPayload);
      const verified = { ...stream.verified(), aggregateVersion: 3 };
      await publish(verified);

      await eventually(async () => expect(await knownLandlord(stream.landlordId)).toMatchObject({ status: 'active', landlord_version: 3 }), 30_000);
      const dead = await eventually(async () => {
        // Other units apps running at the same time (other test files) dead-letter the same messages.
        const messages = (await readTopic(dlqTopic('units'))).filter((m) => m.key === stream.landlordId && m.headers['x-dlq-consumer'] === consumerGroup);
        expect(messages).toHaveLength(2);
        return messages;
      });
      expect(dead.map((m) => m.headers['x-dlq-error'])).toEqual([expect.stringMatching(/not JSON/), expect.stringMatching(/Invalid LandlordVerified payload/)]);
      expect(dead[0].headers['x-dlq-consumer']).toMatch(/^units/);
      expect(await consumed(undefined, 'dead_lettered')).toBeGreaterThanOrEqual(2);

      // An administrator sees them (npm run dlq reads the same endpoints) and can replay them:
      // still refused, they stay open.
      await service.http.get('/admin/dead-letters').set(staff).expect(403);
      const admin = bearer('sra_admin');
      const { body: listed } = await service.http.get('/admin/dead-letters').set(admin).expect(200);
      const mine = listed.filter((row: { key: string }) => row.key === stream.landlordId);
      expect(mine.map((row: { eventType: string | null; resolution: string | null }) => [row.eventType, row.resolution])).toEqual([
        [null, null],
        ['LandlordVerified', null],
      ]);
      const { body: replay } = await service.http.post('/admin/dead-letters/replay').set(admin).send({ ids: [badPayload.id] }).expect(200);
      expect(replay.results).toEqual([expect.objectContaining({ eventId: badPayload.id, outcome: 'failed', error: expect.stringMatching(/Invalid LandlordVerified payload/) })]);
      await service.http.post('/admin/dead-letters/replay').set(admin).send({ ids: ['x'.repeat(65)] }).expect(400);
    });
  });

  describe('listing a flat', () => {
    let landlordId: string;

    beforeAll(async () => {
      landlordId = await activeLandlordWithAgreement();
    });

    it('drafts, edits and submits a flat for inspection, publishing each step', async () => {
      const { body: unit } = await draft(landlordId).expect(201);
      expect(unit).toMatchObject({ status: 'draft', version: 1, bedrooms: 2, rent: 690 });

      await service.http.patch(`/units/${unit.id}`).set(staff).send({ rent: 710, expectedVersion: 1 }).expect(200);
      const { body: submitted } = await service.http.post(`/units/${unit.id}/submit`).set(staff).send({}).expect(200);

      expect(submitted).toMatchObject({ status: 'pending_inspection', version: 3 });
      const events = await waitForEvents(Topics.units, unit.id, ['UnitDrafted', 'UnitUpdated', 'UnitSubmittedForInspection']);
      expect(events.map((e) => e.aggregateVersion)).toEqual([1, 2, 3]);
      expect(events[2].payload).toMatchObject({ unitId: unit.id, landlordId, rent: 710, district: 'BXL-C', stepFree: true });
    });

    it('lets a landlord list and see only their own flats', async () => {
      const { body: unit } = await draft(landlordId).expect(201);
      const asOwner = bearer('landlord', { landlordId });
      const asStranger = bearer('landlord');

      await service.http.get(`/units/${unit.id}`).set(asOwner).expect(200);
      const hidden = await service.http.get(`/units/${unit.id}`).set(asStranger).expect(404);
      expect(hidden.body.code).toBe('UNIT.NOT_FOUND');
      await service.http.patch(`/units/${unit.id}`).set(asStranger).send({ rent: 1 }).expect(404);
      const { body: strangersList } = await service.http.get(`/units?landlordId=${landlordId}`).set(asStranger).expect(200);
      expect(strangersList.total).toBe(0);
      const { body: ownList } = await service.http.get('/units?limit=100').set(asOwner).expect(200);
      expect(ownList.items.every((u: { landlordId: string }) => u.landlordId === landlordId)).toBe(true);
    });

    it('lets a landlord draft their own flat without naming themselves', async () => {
      const { body } = await service.http.post('/units').set(bearer('landlord', { landlordId })).send(aUnit().build()).expect(201);
      expect(body.landlordId).toBe(landlordId);
    });

    it('filters by status, district, bedrooms, accessibility and rent', async () => {
      const district = `D-${randomUUID().slice(0, 6)}`;
      await draft(landlordId, aUnit().withDistrict(district).withBedrooms(1).withRent(550)).expect(201);
      const { body: accessible } = await draft(landlordId, aUnit().withDistrict(district).withBedrooms(2).withRent(720).wheelchairAccessible()).expect(201);
      await draft(landlordId, aUnit().withDistrict(district).withBedrooms(3).withRent(980).with('maxOccupants', 6)).expect(201);

      const query = (q: string) => service.http.get(`/units?districtCode=${district}&${q}`).set(staff).expect(200);
      expect((await query('minBedrooms=2')).body.total).toBe(2);
      expect((await query('minRent=600&maxRent=800')).body.items.map((u: { id: string }) => u.id)).toEqual([accessible.id]);
      expect((await query('wheelchairAccessible=true')).body.total).toBe(1);
      expect((await query('status=draft&limit=2')).body).toMatchObject({ total: 3, limit: 2 });
      expect((await query('bedrooms=1')).body.total).toBe(1);
    });

    it('answers every field of a flat as drafted, alone and in a list page, newest first', async () => {
      const district = `D-${randomUUID().slice(0, 6)}`;
      const { body: older } = await draft(landlordId, aUnit().withDistrict(district).withRent(500)).expect(201);
      const { body: drafted } = await draft(
        landlordId,
        aUnit()
          .withDistrict(district)
          .withRent(812.5)
          .with('serviceCharges', 45.25)
          .with('floorArea', 63.4)
          .with('floor', 3)
          .with('elevator', true)
          .with('energyLabel', 'B')
          .with('furnished', true)
          .with('availableFrom', '2027-03-01')
          .with('address', 'Rue Neuve 7'),
      ).expect(201);
      const expected = {
        id: drafted.id,
        version: 1,
        landlordId,
        status: 'draft',
        pendingReason: null,
        address: 'Rue Neuve 7',
        postalCode: '1000',
        city: 'Brussels',
        districtCode: district.toUpperCase(),
        buildingId: 'BLD-RUE-HAUTE-120',
        type: 'apartment',
        bedrooms: 2,
        floorArea: 63.4,
        floor: 3,
        elevator: true,
        stepFree: true,
        wheelchairAccessible: false,
        maxOccupants: 4,
        rent: 812.5,
        serviceCharges: 45.25,
        energyLabel: 'B',
        petsAllowed: true,
        furnished: true,
        availableFrom: '2027-03-01',
        withdrawalReason: null,
        createdAt: drafted.createdAt,
        updatedAt: drafted.updatedAt,
      };
      expect(drafted.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const { body: alone } = await service.http.get(`/units/${drafted.id}`).set(bearer('landlord', { landlordId })).expect(200);
      expect(alone).toEqual(expected);
      expect(Object.keys(alone)).toEqual(Object.keys(expected));
      const { body: page } = await service.http.get(`/units?districtCode=${district}&limit=1`).set(staff).expect(200);
      expect(page).toEqual({ items: [expected], total: 2, limit: 1, offset: 0 });
      const { body: next } = await service.http.get(`/units?districtCode=${district}&limit=1&offset=1`).set(staff).expect(200);
      expect(next.items.map((u: { id: string }) => u.id)).toEqual([older.id]);
      const { body: beyond } = await service.http.get(`/units?districtCode=${district}&offset=5`).set(staff).expect(200);
      expect(beyond).toEqual({ items: [], total: 2, limit: 20, offset: 5 });
    });

    it('refuses to submit for a landlord without a signed agreement (409)', async () => {
      const stream = new LandlordEventStream();
      await publish(stream.registered());
      await publish(stream.verified());
      const { body: unit } = await eventually(() => draft(stream.landlordId).expect(201), 30_000);

      const response = await service.http.post(`/units/${unit.id}/submit`).set(staff).send({}).expect(409);

      expect(response.body.code).toBe('UNIT.NO_SIGNED_AGREEMENT');
    });

    it('refuses new flats once the landlord is suspended', async () => {
      const stream = new LandlordEventStream();
      for (const event of [stream.registered(), stream.verified(), stream.suspended()]) await publish(event);
      await eventually(async () => expect(await knownLandlord(stream.landlordId)).toMatchObject({ status: 'suspended' }), 30_000);

      const response = await draft(stream.landlordId).expect(409);

      expect(response.body.code).toBe('UNIT.LANDLORD_NOT_ACTIVE');
    });

    it('answers invalid transitions with 409: editing or re-submitting a submitted flat, withdrawing twice', async () => {
      const { body: unit } = await draft(landlordId).expect(201);
      await service.http.post(`/units/${unit.id}/submit`).set(staff).send({}).expect(200);

      expect((await service.http.patch(`/units/${unit.id}`).set(staff).send({ rent: 700 }).expect(409)).body.code).toBe('UNIT.NOT_DRAFT');
      expect((await service.http.post(`/units/${unit.id}/submit`).set(staff).send({}).expect(409)).body.code).toBe('UNIT.INVALID_TRANSITION');
      await service.http.post(`/units/${unit.id}/withdraw`).set(staff).send({ reason: 'owner moves back in' }).expect(200);
      expect((await service.http.post(`/units/${unit.id}/withdraw`).set(staff).send({ reason: 'again' }).expect(409)).body.code).toBe('UNIT.INVALID_TRANSITION');
      await waitForEvents(Topics.units, unit.id, ['UnitWithdrawn']);
    });

    it('refuses an edit from a stale version (409 CONCURRENCY.STALE)', async () => {
      const { body: unit } = await draft(landlordId).expect(201);
      await service.http.patch(`/units/${unit.id}`).set(staff).send({ rent: 700, expectedVersion: 1 }).expect(200);

      const response = await service.http.patch(`/units/${unit.id}`).set(staff).send({ rent: 720, expectedVersion: 1 }).expect(409);

      expect(response.body.code).toBe('CONCURRENCY.STALE');
    });
  });

  describe('bad input writes nothing and publishes nothing', () => {
    let landlordId: string;
    let unitId: string;

    beforeAll(async () => {
      landlordId = await activeLandlordWithAgreement();
      unitId = (await draft(landlordId).expect(201)).body.id;
      await waitForEvents(Topics.units, unitId, ['UnitDrafted']);
    });

    it.each([
      ['missing fields', { landlordId: 'x' }, ['address', 'bedrooms', 'rent', 'landlordId']],
      ['negative bedrooms and rent', aUnit().withBedrooms(-1).withRent(-10).build(), ['bedrooms', 'rent']],
      ['a wheelchair-accessible flat with steps', aUnit().with('wheelchairAccessible', true).with('stepFree', false).build(), ['stepFree']],
      ['a studio with bedrooms', aUnit().with('type', 'studio').withBedrooms(2).build(), ['bedrooms']],
      ['an upper floor called step-free without elevator', aUnit().with('floor', 3).build(), ['stepFree']],
      ['a wrong type of value', aUnit().with('petsAllowed', 'yes').with('energyLabel', 'Z').build(), ['petsAllowed', 'energyLabel']],
    ])('POST /units with %s → 400 naming the fields', async (_case, body, fields) => {
      const before = await counts();

      const response = await service.http.post('/units').set(staff).send(Object.assign({ landlordId }, body)).expect(400);

      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['an empty patch', {}, '(root)'],
      ['a negative floor area', { floorArea: -3 }, 'floorArea'],
      ['an unknown field', { status: 'available' }, 'status'],
    ])('PATCH /units/:id with %s → 400, unit unchanged, no event', async (_case, body, field) => {
      const before = await counts();

      const response = await service.http.patch(`/units/${unitId}`).set(staff).send(body).expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
      await settled(service);
      expect((await readEvents(Topics.units, unitId)).map((e) => e.type)).toEqual(['UnitDrafted']);
    });

    it('POST /units/:id/withdraw without a reason → 400', async () => {
      const response = await service.http.post(`/units/${unitId}/withdraw`).set(staff).send({}).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    });

    it.each(['caseworker', 'inspector', 'board_member'] as const)('refuses every unit endpoint to a %s (403)', async (role) => {
      await service.http.post('/units').set(bearer(role)).send(aUnit().forLandlord(landlordId).build()).expect(403);
      await service.http.get('/units').set(bearer(role)).expect(403);
      await service.http.post(`/units/${unitId}/submit`).set(bearer(role)).send({}).expect(403);
    });
  });
});
