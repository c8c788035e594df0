import { Topics } from '@hearth/contracts';
import { shortlist as engineShortlist } from '@hearth/matching-engine';
import { randomBytes } from 'node:crypto';
import { bearer, eventually, queryDatabase, readEvents, settled, TestApp, waitForEvents } from '@hearth/testing';
import {
  aHousehold,
  aUnit,
  bedroomLanes,
  daysAgo,
  DEFAULT_SHORTLIST_POLICY,
  engineApplicant,
  householdInPool,
  makeAvailable,
  Publisher,
  startMatching,
  unitInPool,
  waitlist,
} from './support';

const staff = bearer('sra_staff');
const nextLane = bedroomLanes(1000);

describe('matching read models and shortlists', () => {
  let service: TestApp;
  let publisher: Publisher;

  beforeAll(async () => {
    service = await startMatching();
    publisher = await Publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await service?.close();
  });

  const shortlistOf = (unitId: string, query = '') => service.http.get(`/units/${unitId}/shortlist${query}`).set(staff);

  describe('shortlists', () => {
    it('stores the shortlist the job computes when UnitBecameAvailable arrives, ranked exactly as the engine ranks', async () => {
      const lane = nextLane();
      const households = [
        aHousehold(lane).withPriority(40).waitingSince(daysAgo(900)),
        aHousehold(lane).withPriority(72.5).waitingSince(daysAgo(120)).preferring('D-SHORT'),
        aHousehold(lane).withPriority(72.5).waitingSince(daysAgo(120)),
        aHousehold(lane).withPriority(10).waitingSince(daysAgo(30)).withMaxRent(650),
      ];
      await waitlist(service, publisher, ...households);
      const unit = aUnit(lane).inDistrict('D-SHORT');

      await makeAvailable(service, publisher, unit);

      const [stored] = await queryDatabase<{ unit_version: number; k: number; candidates: number; entries: { householdId: string }[] }>(
        service.database,
        'SELECT unit_version, k, candidates, entries FROM shortlists WHERE unit_id = $1',
        [unit.unitId],
      );
      const expected = engineShortlist(
        unit.engineAttributes,
        households
          .slice(0, 3)
          .map((h, i) => engineApplicant(h, lane, { preferredDistricts: i === 1 ? ['D-SHORT'] : [], priority: [40, 72.5, 72.5][i], waitingDays: [900, 120, 120][i] })),
        DEFAULT_SHORTLIST_POLICY,
        10,
      );
      expect(stored).toMatchObject({ unit_version: 4, k: 10, candidates: 3 });
      expect(stored.entries.map((e) => e.householdId)).toEqual(expected.map((e) => e.applicantId));
      const { body } = await shortlistOf(unit.unitId).expect(200);
      expect(body.entries[0]).toMatchObject({
        rank: 1,
        householdId: households[1].householdId,
        reference: households[1].reference,
        score: expected[0].score,
        breakdown: expected[0].breakdown,
        reasons: expected[0].reasons,
      });
      expect(body.entries.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3]);
    });

    it('answers a fresh shortlist once a household joined the waitlist, without refresh=true, and recomputes with the k asked for', async () => {
      const lane = nextLane();
      const first = aHousehold(lane).withPriority(30);
      await waitlist(service, publisher, first);
      const unit = aUnit(lane + 1);
      await makeAvailable(service, publisher, unit);
      const [stored] = await queryDatabase<{ computed_at: Date }>(service.database, 'SELECT computed_at FROM shortlists WHERE unit_id = $1', [unit.unitId]);
      const later = aHousehold(lane).withPriority(90);
      await waitlist(service, publisher, later);

      const { body: read } = await shortlistOf(unit.unitId).expect(200);
      const { body: again } = await shortlistOf(unit.unitId).expect(200);
      const { body: smaller } = await shortlistOf(unit.unitId, '?k=1').expect(200);

      expect(read.entries.map((e: { householdId: string }) => e.householdId)).toEqual([later.householdId, first.householdId]);
      expect(read.waitlistChangedSince).toBe(false);
      expect(new Date(read.computedAt).getTime()).toBeGreaterThan(stored.computed_at.getTime());
      // Nothing changed since: the stored one, as computed.
      expect(again.computedAt).toBe(read.computedAt);
      expect(smaller).toMatchObject({ k: 1, candidates: 2, entries: [expect.objectContaining({ householdId: later.householdId, breakdown: expect.objectContaining({ fit: 0 }) })] });
    });

    it('hands the engine only the households that can reach the top k, and still ranks exactly as the engine ranks them all', async () => {
      const lane = nextLane();
      const district = `D-${Math.random().toString(36).slice(2, 8)}`;
      // Close priorities and waiting times, so that the preference bonus reorders them.
      const households = Array.from({ length: 30 }, (_, i) =>
        aHousehold(lane)
          .withPriority(50 + ((i * 7) % 13) / 2)
          .waitingSince(daysAgo((i * 37) % 200))
          .preferring(...(i % 3 === 0 ? [district] : [])),
      );
      await waitlist(service, publisher, ...households);
      const unit = aUnit(lane).inDistrict(district);
      await makeAvailable(service, publisher, unit);

      const { body } = await shortlistOf(unit.unitId, '?refresh=true&k=5').expect(200);

      const all = households.map((h, i) =>
        engineApplicant(h, lane, { preferredDistricts: i % 3 === 0 ? [district] : [], priority: 50 + ((i * 7) % 13) / 2, waitingDays: (i * 37) % 200 }),
      );
      const expected = engineShortlist(unit.engineAttributes, all, DEFAULT_SHORTLIST_POLICY, 5);
      expect(body.candidates).toBe(30);
      expect(body.entries.map((e: { householdId: string; score: number }) => [e.householdId, e.score])).toEqual(expected.map((e) => [e.applicantId, e.score]));
      const sixth = engineShortlist(unit.engineAttributes, all, DEFAULT_SHORTLIST_POLICY, 6)[5];
      const { body: whyNot } = await service.http.get(`/units/${unit.unitId}/why-not/${sixth.applicantId}`).set(staff).expect(200);
      expect(whyNot).toMatchObject({ eligible: true, rank: 6 });
    });

    it('explains why a household is not on the shortlist, in the engine’s words', async () => {
      const lane = nextLane();
      const unit = aUnit(lane).withRent(950).notAllowingPets().inDistrict('D-WHY');
      const household = aHousehold(lane).withMaxRent(800).withPets().excluding('D-WHY');
      await waitlist(service, publisher, household);
      await makeAvailable(service, publisher, unit);

      const { body } = await service.http.get(`/units/${unit.unitId}/why-not/${household.householdId}`).set(staff).expect(200);

      expect(body).toMatchObject({ eligible: false, reference: household.reference, score: null, rank: null });
      expect(body.failedRules).toEqual([
        { rule: 'rent', message: 'The rent is 950; the household can pay at most 800.' },
        { rule: 'pets', message: 'The household has pets; pets are not allowed in the flat.' },
        { rule: 'excluded_district', message: 'The flat is in district D-WHY, which the household has ruled out.' },
      ]);
      expect(body.summary).toMatch(/^Household HX-\w+ is not eligible for this unit: The rent is 950/);
    });

    it('says where an eligible household stands, and that a paused one is not matched', async () => {
      const lane = nextLane();
      const household = aHousehold(lane).withPriority(55);
      await waitlist(service, publisher, household);
      const unit = aUnit(lane);
      await makeAvailable(service, publisher, unit);
      const whyNot = () => service.http.get(`/units/${unit.unitId}/why-not/${household.householdId}`).set(staff).expect(200);

      expect((await whyNot()).body).toMatchObject({ eligible: true, rank: 1, obstacles: [], summary: expect.stringMatching(/is eligible and number 1/) });

      await publisher.applicants(household.paused());
      await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ status: 'paused' }), 30_000);
      expect((await whyNot()).body).toMatchObject({ eligible: true, rank: null, obstacles: [expect.objectContaining({ code: 'household_not_waitlisted' })] });
    });

    it('refuses to compute a shortlist for a unit that is no longer available (409)', async () => {
      const lane = nextLane();
      const unit = aUnit(lane);
      await makeAvailable(service, publisher, unit);
      await publisher.units(unit.withdrawn());
      await eventually(async () => expect(await unitInPool(service, unit.unitId)).toMatchObject({ status: 'withdrawn' }), 30_000);

      const refused = await shortlistOf(unit.unitId, '?refresh=true').expect(409);

      expect(refused.body.code).toBe('SHORTLIST.UNIT_NOT_AVAILABLE');
      await shortlistOf(unit.unitId).expect(200);
    });

    it('answers 404 for a unit matching has never heard of, and 400 for a bad query', async () => {
      expect((await shortlistOf('3f1c9a52-0000-4000-8000-000000000000').expect(404)).body.code).toBe('MATCHING.UNIT_NOT_FOUND');
      const bad = await shortlistOf('3f1c9a52-0000-4000-8000-000000000000', '?k=0&refresh=maybe').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['k', 'refresh']);
    });
  });

  describe('the household pool from hearth.applicants', () => {
    it('applies each household event once and only when newer than what it has', async () => {
      const household = aHousehold(nextLane()).withPriority(40);
      const waitlisted = household.waitlisted();
      const changed = household.withPriority(70).needsChanged();
      const stale = { ...waitlisted, id: '0190d9b2-9c3e-7000-8000-00000000abcd', payload: { ...(waitlisted.payload as Record<string, unknown>), priority: 5 } };

      await publisher.applicants(waitlisted, changed, changed, stale);

      await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ version: 5, priority: 70 }), 30_000);
      await settled(service);
      expect(await householdInPool(service, household.householdId)).toMatchObject({ version: 5, priority: 70 });
    });

    it.each([
      ['paused', (h: ReturnType<typeof aHousehold>) => h.paused(), 'paused'],
      ['withdrawn', (h: ReturnType<typeof aHousehold>) => h.withdrawn(), 'withdrawn'],
      ['exited', (h: ReturnType<typeof aHousehold>) => h.exited(), 'exited'],
      // Version 1 of these events carried the reason; those already on the topic are still read.
      ['paused (version 1, with its reason)', (h: ReturnType<typeof aHousehold>) => h.pausedV1('in_custody'), 'paused'],
      ['withdrawn (version 1, with its reason)', (h: ReturnType<typeof aHousehold>) => h.withdrawnV1('deceased'), 'withdrawn'],
      ['exited (version 1, with its reason)', (h: ReturnType<typeof aHousehold>) => h.exitedV1('deceased'), 'exited'],
      ['withdrawing consent', (h: ReturnType<typeof aHousehold>) => h.consentWithdrawn(), 'paused'],
    ])('takes a household off shortlists when %s', async (_case, leave, status) => {
      const lane = nextLane();
      const household = aHousehold(lane);
      await waitlist(service, publisher, household);
      const unit = aUnit(lane);
      await makeAvailable(service, publisher, unit);

      await publisher.applicants(leave(household));
      await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ status }), 30_000);

      const { body } = await shortlistOf(unit.unitId, '?refresh=true').expect(200);
      expect(body).toMatchObject({ candidates: 0, entries: [] });
    });

    it('keeps the open offer of a household applicants marks offered, and takes the household back when it is waitlisted again', async () => {
      const lane = nextLane();
      const household = aHousehold(lane);
      await waitlist(service, publisher, household);
      const unit = aUnit(lane);
      await makeAvailable(service, publisher, unit);
      const { body: offer } = await service.http.post('/offers').set(staff).send({ unitId: unit.unitId, householdId: household.householdId }).expect(201);

      await publisher.applicants(household.offered(offer.id));

      await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ status: 'offered', version: 5 }), 30_000);
      const { body: stillOpen } = await service.http.get(`/offers/${offer.id}`).set(staff).expect(200);
      expect(stillOpen.status).toBe('proposed');
      await publisher.applicants(household.waitlisted());
      await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ status: 'waitlisted', version: 6 }), 30_000);
    });

    it('brings a resumed household back with its attributes', async () => {
      const lane = nextLane();
      const household = aHousehold(lane);
      await waitlist(service, publisher, household);
      await publisher.applicants(household.paused(), household.withPriority(88).resumed());

      await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ status: 'waitlisted', priority: 88, version: 6 }), 30_000);
    });

    it('deletes an erased household', async () => {
      const household = aHousehold(nextLane());
      await waitlist(service, publisher, household);

      await publisher.applicants(household.erased());

      await eventually(async () => expect(await householdInPool(service, household.householdId)).toBeUndefined(), 30_000);
      const whyNot = await service.http.get(`/units/3f1c9a52-0000-4000-8000-000000000000/why-not/${household.householdId}`).set(staff);
      expect(whyNot.status).toBe(404);
    });

    it('erases what describes a household from shortlists, census, offers and remembered answers, and the run still verifies', async () => {
      const lane = nextLane();
      const tag = randomBytes(3).toString('hex').toUpperCase();
      const markers = { preferred: `PR-${tag}`, excluded: `EX-${tag}`, justification: `Justification ${tag}`, note: `Note ${tag}` };
      const district = `D-${tag}`;
      const unit = aUnit(lane).inDistrict(district);
      const erased = aHousehold(lane).withPriority(20).preferring(district, markers.preferred).excluding(markers.excluded);
      const other = aHousehold(lane).withPriority(90);
      await waitlist(service, publisher, erased, other);
      await makeAvailable(service, publisher, unit);
      const { body: queued } = await service.http.post('/allocation-runs').set(staff).send({ mode: 'optimal', units: [unit.unitId] }).expect(202);
      await eventually(async () => expect((await service.http.get(`/allocation-runs/${queued.id}`).set(staff)).body.status).toBe('awaiting_approval'), 30_000);
      const { body: offer } = await service.http
        .post('/offers')
        .set(staff)
        .set('Idempotency-Key', `erasure-${tag}`)
        .send({ unitId: unit.unitId, householdId: erased.householdId, justification: markers.justification })
        .expect(201);
      await service.http.post(`/offers/${offer.id}/withdraw`).set(staff).send({ reason: 'error_in_offer', note: markers.note }).expect(200);
      const traces = async () => {
        const found: string[] = [];
        for (const { table_name } of await queryDatabase<{ table_name: string }>(service.database, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)) {
          const [{ rows }] = await queryDatabase<{ rows: string | null }>(service.database, `SELECT json_agg(t)::text AS rows FROM "${table_name}" t`);
          for (const marker of Object.values(markers)) if ((rows ?? '').includes(marker)) found.push(`${table_name}: ${marker}`);
        }
        return found.sort();
      };
      // The markers are really there before the erasure.
      expect(await traces()).toEqual(
        expect.arrayContaining(['allocation_run_census: EX-' + tag, 'offers: ' + markers.note, 'offers: ' + markers.justification, 'idempotency_keys: ' + markers.justification]),
      );
      const [stored] = await queryDatabase<{ entries: string }>(service.database, 'SELECT entries::text AS entries FROM shortlists WHERE unit_id = $1', [unit.unitId]);
      expect(stored.entries).toContain(erased.householdId);

      await publisher.applicants(erased.erased());

      await eventually(async () => expect(await householdInPool(service, erased.householdId)).toBeUndefined(), 30_000);
      expect(await traces()).toEqual([]);
      const { body: shortlist } = await shortlistOf(unit.unitId).expect(200);
      expect(shortlist.entries.map((entry: { householdId: string }) => entry.householdId)).toEqual([other.householdId]);
      const { body: census } = await service.http.get(`/allocation-runs/${queued.id}/census`).set(staff).expect(200);
      const applicant = census.instance.applicants.find((a: { id: string }) => a.id === erased.householdId);
      expect(applicant).toMatchObject({ preferredDistricts: [district], excludedDistricts: [], priority: 20 });
      const { body: verification } = await service.http.post(`/allocation-runs/${queued.id}/verify`).set(staff).send({}).expect(200);
      expect(verification).toMatchObject({ valid: true, errors: [] });
      const [remembered] = await queryDatabase<{ body: unknown }>(service.database, 'SELECT body FROM idempotency_keys WHERE key = $1', [`erasure-${tag}`]);
      expect(remembered.body).toEqual({ erased: true });
    });
  });

  describe('the unit pool from hearth.units', () => {
    it('follows a unit out of availability and back, with a new shortlist when it is released', async () => {
      const lane = nextLane();
      const household = aHousehold(lane);
      await waitlist(service, publisher, household);
      const unit = aUnit(lane);
      await makeAvailable(service, publisher, unit);

      await publisher.units(unit.reserved());
      await eventually(async () => expect(await unitInPool(service, unit.unitId)).toEqual({ status: 'reserved', version: 5 }), 30_000);
      await publisher.units(unit.released());
      await eventually(async () => {
        const [row] = await queryDatabase<{ unit_version: number }>(service.database, 'SELECT unit_version FROM shortlists WHERE unit_id = $1', [unit.unitId]);
        expect(row.unit_version).toBe(6);
      }, 30_000);
      await publisher.units(unit.suspendedForRepairs());
      await eventually(async () => expect(await unitInPool(service, unit.unitId)).toEqual({ status: 'pending_inspection', version: 7 }), 30_000);
    });

    it('ignores an older unit event delivered late', async () => {
      const unit = aUnit(nextLane());
      const available = unit.becameAvailable();
      const reserved = unit.reserved();

      await publisher.units(available, reserved, { ...available, id: '0190d9b2-9c3e-7000-8000-00000000dcba' });

      await eventually(async () => expect(await unitInPool(service, unit.unitId)).toEqual({ status: 'reserved', version: 5 }), 30_000);
      await settled(service);
      expect(await unitInPool(service, unit.unitId)).toEqual({ status: 'reserved', version: 5 });
    });

    it('withdraws the live offer of a unit that is withdrawn, and of a household that is paused', async () => {
      const lane = nextLane();
      const [first, second] = [aHousehold(lane).withPriority(60), aHousehold(lane).withPriority(50)];
      await waitlist(service, publisher, first, second);
      const [unit, other] = [aUnit(lane), aUnit(lane)];
      await makeAvailable(service, publisher, unit);
      await makeAvailable(service, publisher, other);
      const { body: offer } = await service.http.post('/offers').set(staff).send({ unitId: unit.unitId, householdId: first.householdId }).expect(201);
      const { body: otherOffer } = await service.http.post('/offers').set(staff).send({ unitId: other.unitId, householdId: second.householdId }).expect(201);

      await publisher.units(unit.withdrawn());
      await publisher.applicants(second.paused());

      const [withdrawn] = (await waitForEvents(Topics.matching, offer.id, ['OfferProposed', 'OfferWithdrawn'], 30_000)).filter((e) => e.type === 'OfferWithdrawn');
      expect(withdrawn.payload).toEqual({ offerId: offer.id, unitId: unit.unitId, householdId: first.householdId, reference: first.reference, previousStatus: 'proposed', reason: 'unit_no_longer_available' });
      expect(withdrawn.actor).toEqual({ id: 'system', role: 'system' });
      const otherEvents = await waitForEvents(Topics.matching, otherOffer.id, ['OfferWithdrawn'], 30_000);
      expect(otherEvents.find((e) => e.type === 'OfferWithdrawn')?.payload).toMatchObject({ reason: 'household_no_longer_waitlisted' });
    });
  });

  describe('what a landlord sees', () => {
    it('shows a landlord whether their own unit is available or reserved, and nothing about households', async () => {
      const unit = aUnit(nextLane());
      await makeAvailable(service, publisher, unit);
      const owner = bearer('landlord', { landlordId: unit.landlordId });

      const { body } = await service.http.get(`/units/${unit.unitId}/status`).set(owner).expect(200);

      expect(body).toEqual({ unitId: unit.unitId, status: 'available' });
    });

    it('answers another landlord 404, refuses an inspector (403) and keeps shortlists from landlords (403)', async () => {
      const unit = aUnit(nextLane());
      await makeAvailable(service, publisher, unit);

      expect((await service.http.get(`/units/${unit.unitId}/status`).set(bearer('landlord')).expect(404)).body.code).toBe('MATCHING.UNIT_NOT_FOUND');
      await service.http.get(`/units/${unit.unitId}/status`).set(bearer('inspector')).expect(403);
      await service.http.get(`/units/${unit.unitId}/shortlist`).set(bearer('landlord', { landlordId: unit.landlordId })).expect(403);
      await service.http.get(`/units/${unit.unitId}/shortlist`).set(bearer('board_member')).expect(403);
      await service.http.get('/units').set(bearer('caseworker')).expect(403);
    });

    it('lists the pool to staff, filtered', async () => {
      const lane = nextLane();
      const unit = aUnit(lane).inDistrict('D-LIST');
      await makeAvailable(service, publisher, unit);

      const { body } = await service.http.get(`/units?district=D-LIST&status=available`).set(staff).expect(200);

      expect(body).toMatchObject({ total: 1, items: [expect.objectContaining({ unitId: unit.unitId, bedrooms: lane, status: 'available' })] });
      expect((await readEvents(Topics.matching)).filter((e) => e.payload.unitId === unit.unitId)).toEqual([]);
    });
  });
});
