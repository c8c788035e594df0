import { Topics } from '@hearth/contracts';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { bearer, eventually, queryDatabase, readEvents, settled, TestApp, waitForEvents } from '@hearth/testing';
import { aHousehold, aUnit, bedroomLanes, CASEWORKER_ID, counts, householdInPool, makeAvailable, Publisher, startMatching, unitInPool, waitlist } from './support';
import { MatchingQueue, offerExpiryJobId } from '../src/matching.queues';

const staff = bearer('sra_staff');
const caseworker = bearer('caseworker', { sub: CASEWORKER_ID });
const anotherCaseworker = bearer('caseworker', { sub: 'caseworker-of-someone-else' });
const nextLane = bedroomLanes(2000);
const RESPONSE_MS = 2_000;

describe('offers', () => {
  let service: TestApp;
  let publisher: Publisher;

  beforeAll(async () => {
    service = await startMatching({ OFFER_RESPONSE_MS: String(RESPONSE_MS) });
    publisher = await Publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await service?.close();
  });

  const propose = (unitId: string, householdId: string, extra: Record<string, unknown> = {}) =>
    service.http.post('/offers').set(staff).send({ unitId, householdId, ...extra });
  const act = (offerId: string, action: string, body: Record<string, unknown> = {}, as = staff) =>
    service.http.post(`/offers/${offerId}/${action}`).set(as).send(body);

  /** A unit with its shortlist stored, and households in priority order (the first is first on the shortlist). */
  async function unitWithHouseholds(priorities: number[]) {
    const lane = nextLane();
    const households = priorities.map((priority) => aHousehold(lane).withPriority(priority));
    await waitlist(service, publisher, ...households);
    const unit = aUnit(lane);
    await makeAvailable(service, publisher, unit);
    return { unit, households, lane };
  }

  describe('from proposal to acceptance', () => {
    it('proposes, makes and accepts an offer, publishing each step on hearth.matching keyed by the offer', async () => {
      const { unit, households } = await unitWithHouseholds([80, 60]);
      const [first] = households;

      const { body: proposed } = await propose(unit.unitId, first.householdId).expect(201);
      const { body: made } = await act(proposed.id, 'make').expect(200);
      const { body: accepted } = await act(proposed.id, 'accept', { expectedVersion: 2 }, caseworker).expect(200);

      expect(proposed).toMatchObject({ status: 'proposed', version: 1, source: 'shortlist', rank: 1, reference: first.reference, runId: null });
      expect(made.status).toBe('offered');
      expect(new Date(made.responseDeadline).getTime() - new Date(made.madeAt).getTime()).toBe(RESPONSE_MS);
      expect(accepted).toMatchObject({ status: 'accepted', version: 3 });
      const events = await waitForEvents(Topics.matching, proposed.id, ['OfferProposed', 'OfferMade', 'OfferAccepted']);
      expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
        ['OfferProposed', 1],
        ['OfferMade', 2],
        ['OfferAccepted', 3],
      ]);
      const ref = { offerId: proposed.id, unitId: unit.unitId, householdId: first.householdId, reference: first.reference };
      expect(events[0].payload).toEqual({ ...ref, source: 'shortlist', runId: null, score: proposed.score, rank: 1 });
      expect(events[1].payload).toEqual({ ...ref, responseDeadline: made.responseDeadline });
      expect(events[2].payload).toEqual({ ...ref, acceptedAt: accepted.answeredAt });
      expect((await readEvents(Topics.matching, proposed.id)).every((e) => e.headers['x-event-type'] !== undefined)).toBe(true);
    });

    it('takes an accepted unit and household out of matching at once: the landlord sees the unit reserved', async () => {
      const { unit, households } = await unitWithHouseholds([80]);
      const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
      await act(offer.id, 'make').expect(200);

      await act(offer.id, 'accept').expect(200);

      const { body: status } = await service.http.get(`/units/${unit.unitId}/status`).set(bearer('landlord', { landlordId: unit.landlordId })).expect(200);
      expect(status).toEqual({ unitId: unit.unitId, status: 'reserved' });
      expect(await householdInPool(service, households[0].householdId)).toMatchObject({ status: 'offered' });
    });

    it('answers a proposal for a unit or household already under offer with 409, and an ineligible pair with the engine’s reasons', async () => {
      const { unit, households, lane } = await unitWithHouseholds([80, 70]);
      const other = aUnit(lane);
      await makeAvailable(service, publisher, other);
      const poor = aHousehold(lane).withMaxRent(500);
      await waitlist(service, publisher, poor);
      await propose(unit.unitId, households[0].householdId).expect(201);

      expect((await propose(unit.unitId, households[1].householdId, { justification: 'test' }).expect(409)).body.code).toBe('OFFER.UNIT_HAS_LIVE_OFFER');
      expect((await propose(other.unitId, households[0].householdId, { justification: 'test' }).expect(409)).body.code).toBe('OFFER.HOUSEHOLD_HAS_LIVE_OFFER');
      const ineligible = await propose(other.unitId, poor.householdId, { justification: 'test' }).expect(409);
      expect(ineligible.body).toMatchObject({ code: 'OFFER.NOT_ELIGIBLE', reasons: [{ rule: 'rent', message: 'The rent is 700; the household can pay at most 500.' }] });
    });

    it('needs a justification to propose anyone but the first on the shortlist, and records the rank', async () => {
      const { unit, households } = await unitWithHouseholds([80, 60]);
      const before = await counts(service);

      const refused = await propose(unit.unitId, households[1].householdId).expect(400);

      expect(refused.body.errors).toEqual([{ field: 'justification', message: expect.stringContaining('is number 2 on this unit’s shortlist') }]);
      expect(await counts(service)).toEqual(before);
      const { body } = await propose(unit.unitId, households[1].householdId, { justification: 'first household is in hospital this month' }).expect(201);
      expect(body).toMatchObject({ rank: 2, justification: 'first household is in hospital this month' });
      const [event] = await waitForEvents(Topics.matching, body.id, ['OfferProposed']);
      expect(JSON.stringify(event.payload)).not.toContain('hospital');
    });
  });

  describe('declines, expiries and the next household', () => {
    it('proposes the next household automatically after a decline, and the decliner keeps its priority and its place elsewhere', async () => {
      const { unit, households, lane } = await unitWithHouseholds([90, 70, 50]);
      const [first, second] = households;
      const { body: offer } = await propose(unit.unitId, first.householdId).expect(201);
      await act(offer.id, 'make').expect(200);

      const { body: declined } = await act(offer.id, 'decline', { reason: 'household.too_far_from_support', note: 'school of the children is across town' }, caseworker).expect(200);

      expect(declined).toMatchObject({ status: 'declined', declineReason: 'household.too_far_from_support', declineParty: 'household' });
      expect(declined.nextOffer).toMatchObject({ status: 'proposed', householdId: second.householdId, source: 'next_on_shortlist', rank: 1 });
      const [declinedEvent] = (await waitForEvents(Topics.matching, offer.id, ['OfferDeclined'])).filter((e) => e.type === 'OfferDeclined');
      expect(declinedEvent.payload).toEqual({ offerId: offer.id, unitId: unit.unitId, householdId: first.householdId, reference: first.reference, reason: 'household.too_far_from_support', party: 'household' });
      const [nextEvent] = await waitForEvents(Topics.matching, declined.nextOffer.id, ['OfferProposed']);
      expect(nextEvent).toMatchObject({ actor: { id: 'system', role: 'system' }, payload: { source: 'next_on_shortlist', householdId: second.householdId } });
      expect(await householdInPool(service, first.householdId)).toMatchObject({ status: 'waitlisted', priority: 90 });
      const another = aUnit(lane);
      await makeAvailable(service, publisher, another);
      const { body: anotherShortlist } = await service.http.get(`/units/${another.unitId}/shortlist`).set(staff).expect(200);
      expect(anotherShortlist.entries[0]).toMatchObject({ householdId: first.householdId, rank: 1 });
      const { body: thisShortlist } = await service.http.get(`/units/${unit.unitId}/shortlist`).set(staff).expect(200);
      expect(thisShortlist.entries.map((e: { householdId: string }) => e.householdId)).not.toContain(first.householdId);
    });

    it('expires an unanswered offer at its deadline and proposes the next household', async () => {
      const { unit, households } = await unitWithHouseholds([90, 70]);
      const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
      const { body: made } = await act(offer.id, 'make').expect(200);

      const events = await waitForEvents(Topics.matching, offer.id, ['OfferExpired'], 15_000);

      expect(events.find((e) => e.type === 'OfferExpired')?.payload).toMatchObject({ responseDeadline: made.responseDeadline, householdId: households[0].householdId });
      const { body: next } = await service.http.get(`/offers?unitId=${unit.unitId}&status=proposed`).set(staff).expect(200);
      expect(next.items).toEqual([expect.objectContaining({ householdId: households[1].householdId, source: 'next_on_shortlist' })]);
      const { body: expired } = await service.http.get(`/offers/${offer.id}`).set(caseworker).expect(200);
      expect(expired.status).toBe('expired');
    });

    it('leaves an offer answered before its deadline alone when the expiry job runs', async () => {
      const { unit, households } = await unitWithHouseholds([90, 70]);
      const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
      await act(offer.id, 'make').expect(200);
      await act(offer.id, 'accept').expect(200);

      // The positive signal: the expiry job, still queued after the answer, has run and gone.
      const expiries = service.app.get<Queue>(getQueueToken(MatchingQueue.OfferExpiry), { strict: false });
      expect(await expiries.getJob(offerExpiryJobId(offer.id))).toBeDefined();
      await eventually(async () => expect(await expiries.getJob(offerExpiryJobId(offer.id))).toBeUndefined(), RESPONSE_MS + 10_000);
      await settled(service);
      expect((await readEvents(Topics.matching, offer.id)).map((e) => e.type)).toEqual(['OfferProposed', 'OfferMade', 'OfferAccepted']);
      const { body } = await service.http.get(`/offers?unitId=${unit.unitId}`).set(staff).expect(200);
      expect(body.items).toEqual([expect.objectContaining({ id: offer.id, status: 'accepted' })]);
    });

    it('refuses an answer after the deadline (409) until the offer expires', async () => {
      const { unit, households } = await unitWithHouseholds([90]);
      const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
      await act(offer.id, 'make').expect(200);
      await waitForEvents(Topics.matching, offer.id, ['OfferExpired'], 15_000);

      expect((await act(offer.id, 'accept').expect(409)).body.code).toBe('OFFER.INVALID_TRANSITION');
    });

    it('withdraws an accepted offer that fell through, saying it was accepted (the unit is to be released)', async () => {
      const { unit, households } = await unitWithHouseholds([90]);
      const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
      await act(offer.id, 'make').expect(200);
      await act(offer.id, 'accept').expect(200);

      const { body } = await act(offer.id, 'withdraw', { reason: 'fell_through_after_acceptance', note: 'landlord sold the flat' }).expect(200);

      expect(body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'fell_through_after_acceptance', note: 'landlord sold the flat' });
      const events = await waitForEvents(Topics.matching, offer.id, ['OfferWithdrawn']);
      expect(events.find((e) => e.type === 'OfferWithdrawn')?.payload).toMatchObject({ previousStatus: 'accepted', reason: 'fell_through_after_acceptance' });
      expect(JSON.stringify(events)).not.toContain('sold the flat');
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of two simultaneous proposals for one unit win; the other gets 409 OFFER.UNIT_HAS_LIVE_OFFER', async () => {
      const { unit, households } = await unitWithHouseholds([80, 79]);
      const justification = { justification: 'racing colleagues' };

      const responses = await Promise.all(households.map((h) => propose(unit.unitId, h.householdId, justification)));

      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)?.body.code).toBe('OFFER.UNIT_HAS_LIVE_OFFER');
      const rows = await queryDatabase(service.database, 'SELECT id FROM offers WHERE unit_id = $1', [unit.unitId]);
      expect(rows).toHaveLength(1);
      await settled(service);
      const proposed = (await readEvents(Topics.matching)).filter((e) => e.type === 'OfferProposed' && e.payload.unitId === unit.unitId);
      expect(proposed).toHaveLength(1);
    });

    it('is guarded by the database itself: a second live offer for a unit or a household cannot be inserted', async () => {
      const { unit, households } = await unitWithHouseholds([80, 70]);
      const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
      const insert = (unitId: string, householdId: string) =>
        queryDatabase(
          service.database,
          `INSERT INTO offers (id, version, unit_id, household_id, reference, status, source, score, proposed_by)
           VALUES (gen_random_uuid(), 1, $1, $2, 'HX-TEST', 'proposed', 'shortlist', 1, '{"id":"t","role":"sra_staff"}')`,
          [unitId, householdId],
        );

      await expect(insert(unit.unitId, households[1].householdId)).rejects.toThrow(/offers_one_live_per_unit/);
      await expect(insert('3f1c9a52-0000-4000-8000-00000000aaaa', households[0].householdId)).rejects.toThrow(/offers_one_live_per_household/);
      await act(offer.id, 'withdraw', { reason: 'error_in_offer' }).expect(200);
      await expect(insert(unit.unitId, households[1].householdId)).resolves.toEqual([]);
    });

    it('lets exactly one of two simultaneous proposals for one household win; the other gets 409 OFFER.HOUSEHOLD_HAS_LIVE_OFFER', async () => {
      const lane = nextLane();
      const household = aHousehold(lane).withPriority(85);
      await waitlist(service, publisher, household);
      const units = [aUnit(lane), aUnit(lane)];
      for (const unit of units) await makeAvailable(service, publisher, unit);

      const responses = await Promise.all(units.map((u) => propose(u.unitId, household.householdId, { justification: 'racing colleagues' })));

      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)?.body.code).toBe('OFFER.HOUSEHOLD_HAS_LIVE_OFFER');
      expect(await queryDatabase(service.database, 'SELECT id FROM offers WHERE household_id = $1', [household.householdId])).toHaveLength(1);
    });
  });

  describe('refusals', () => {
    let offerId: string;
    let unitId: string;

    beforeAll(async () => {
      const { unit, households } = await unitWithHouseholds([80]);
      unitId = unit.unitId;
      offerId = (await propose(unit.unitId, households[0].householdId).expect(201)).body.id;
      await waitForEvents(Topics.matching, offerId, ['OfferProposed']);
    });

    /** The request is refused with `status`, writes nothing, and no event about these ids reaches the topic. */
    async function expectNothingWritten(
      request: () => Promise<{ status: number; body: { errors?: { field: string }[] } }>,
      status: number,
      fields: string[],
      ids: string[],
    ) {
      const before = await counts(service);
      const response = await request();
      expect(response.status).toBe(status);
      expect(response.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await counts(service)).toEqual(before);
      const about = (await readEvents(Topics.matching)).filter(
        (e) => ids.includes(e.aggregateId) || ids.includes(e.payload.unitId as string) || ids.includes(e.payload.householdId as string),
      );
      expect(about.map((e) => e.type)).toEqual(ids.includes(offerId) ? ['OfferProposed'] : []);
    }

    it.each([
      ['missing ids', {}, ['unitId', 'householdId']],
      ['ids that are not uuids', { unitId: 'u1', householdId: 42 }, ['unitId', 'householdId']],
      ['an unknown field', { unitId: '3f1c9a52-0000-4000-8000-000000000000', householdId: '3f1c9a52-0000-4000-8000-000000000001', status: 'accepted' }, ['status']],
      ['an empty justification', { unitId: '3f1c9a52-0000-4000-8000-000000000000', householdId: '3f1c9a52-0000-4000-8000-000000000001', justification: ' ' }, ['justification']],
    ])('POST /offers with %s → 400, nothing written, no event', async (_case, body, fields) => {
      const ids = Object.values(body).filter((value): value is string => typeof value === 'string');
      await expectNothingWritten(() => service.http.post('/offers').set(staff).send(body), 400, fields, ids);
    });

    it.each([
      ['decline without a reason', 'decline', {}, ['reason']],
      ['decline with a reason outside the taxonomy', 'decline', { reason: 'household.does_not_like_it' }, ['reason']],
      ['withdraw with free text instead of a reason code', 'withdraw', { reason: 'changed my mind' }, ['reason']],
      ['make with a string version', 'make', { expectedVersion: '1' }, ['expectedVersion']],
    ])('%s → 400, nothing written, no event', async (_case, action, body, fields) => {
      await expectNothingWritten(() => act(offerId, action, body), 400, fields, [offerId]);
    });

    it('answers invalid transitions with 409 OFFER.INVALID_TRANSITION and a stale version with 409 CONCURRENCY.STALE', async () => {
      await expectNothingWritten(() => act(offerId, 'accept'), 409, [], [offerId]);
      expect((await act(offerId, 'decline', { reason: 'household.unsafe_area' }).expect(409)).body.code).toBe('OFFER.INVALID_TRANSITION');
      expect((await act(offerId, 'make', { expectedVersion: 7 }).expect(409)).body.code).toBe('CONCURRENCY.STALE');
      await act(offerId, 'make', { expectedVersion: 1 }).expect(200);
      expect((await act(offerId, 'make').expect(409)).body.code).toBe('OFFER.INVALID_TRANSITION');
    });

    it('answers 404 for an unknown offer, unit or household', async () => {
      expect((await act('3f1c9a52-0000-4000-8000-00000000ffff', 'make').expect(404)).body.code).toBe('OFFER.NOT_FOUND');
      expect((await propose('3f1c9a52-0000-4000-8000-00000000ffff', '3f1c9a52-0000-4000-8000-00000000fffe').expect(404)).body.code).toBe('MATCHING.UNIT_NOT_FOUND');
      expect((await propose(unitId, '3f1c9a52-0000-4000-8000-00000000fffe').expect(404)).body.code).toBe('MATCHING.HOUSEHOLD_NOT_FOUND');
    });

    it('lets a caseworker record the household’s answer but not a provider reason, nor propose, make or withdraw (403)', async () => {
      const { unit, households } = await unitWithHouseholds([80]);
      const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
      await propose(unit.unitId, households[0].householdId).set(caseworker).expect(403);
      await act(offer.id, 'make', {}, caseworker).expect(403);
      await act(offer.id, 'withdraw', { reason: 'other' }, caseworker).expect(403);
      await act(offer.id, 'make').expect(200);

      const refused = await act(offer.id, 'decline', { reason: 'provider.landlord_refused' }, caseworker).expect(403);

      expect(refused.body.code).toBe('OFFER.PROVIDER_REASON_STAFF_ONLY');
      await act(offer.id, 'decline', { reason: 'provider.landlord_refused' }).expect(200);
    });

    it.each(['board_member', 'landlord', 'inspector'] as const)('refuses every offer endpoint to a %s (403)', async (role) => {
      const as = bearer(role);
      await service.http.post('/offers').set(as).send({}).expect(403);
      await service.http.get('/offers').set(as).expect(403);
      await service.http.get(`/offers/${offerId}`).set(as).expect(403);
      for (const action of ['make', 'accept', 'decline', 'withdraw']) await act(offerId, action, {}, as).expect(403);
    });

    it('answers a request without a token with 401', async () => {
      await service.http.get('/offers').expect(401);
    });
  });

  it('hides a household’s offers from a caseworker whose caseload it is not on (404, empty list)', async () => {
    const { unit, households } = await unitWithHouseholds([70]);
    const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);
    await act(offer.id, 'make').expect(200);

    expect((await act(offer.id, 'accept', {}, anotherCaseworker).expect(404)).body.code).toBe('OFFER.NOT_FOUND');
    await service.http.get(`/offers/${offer.id}`).set(anotherCaseworker).expect(404);
    const { body: list } = await service.http.get(`/offers?unitId=${unit.unitId}`).set(anotherCaseworker).expect(200);
    expect(list.total).toBe(0);
    expect((await service.http.get(`/offers/${offer.id}`).set(staff).expect(200)).body.status).toBe('offered');
    await act(offer.id, 'accept', {}, caseworker).expect(200);
  });

  it('lets the household’s new caseworker answer its open offer after CaseworkerAssigned, and not the old one (404)', async () => {
    const { unit, households } = await unitWithHouseholds([70]);
    const [household] = households;
    const { body: offer } = await propose(unit.unitId, household.householdId).expect(201);
    await act(offer.id, 'make').expect(200);
    const nextId = `caseworker-next-${household.householdId}`;
    const next = bearer('caseworker', { sub: nextId });

    // Offered: out of the pool (applicants' version 5), then given another caseworker (version 6).
    const offered = household.offered(offer.id);
    const reassigned = household.caseworkerAssigned(nextId);
    expect([offered.aggregateVersion, reassigned.aggregateVersion]).toEqual([5, 6]);
    await publisher.applicants(offered, reassigned);
    await eventually(async () => {
      expect(await queryDatabase(service.database, 'SELECT status, caseworker_id, household_version FROM waitlisted_households WHERE household_id = $1', [household.householdId])).toEqual([
        { status: 'offered', caseworker_id: nextId, household_version: 6 },
      ]);
    }, 30_000);

    expect((await act(offer.id, 'accept', {}, caseworker).expect(404)).body.code).toBe('OFFER.NOT_FOUND');
    expect((await act(offer.id, 'accept', {}, next).expect(200)).body.status).toBe('accepted');
  });

  it('lists offers filtered by unit, household and status, to staff and caseworkers', async () => {
    const { unit, households } = await unitWithHouseholds([80]);
    const { body: offer } = await propose(unit.unitId, households[0].householdId).expect(201);

    const { body } = await service.http.get(`/offers?householdId=${households[0].householdId}&status=proposed`).set(caseworker).expect(200);

    expect(body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: offer.id })] });
    await eventually(async () => expect(await unitInPool(service, unit.unitId)).toMatchObject({ status: 'available' }));
  });
});
