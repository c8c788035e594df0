import { Topics } from '@hearth/contracts';
import { bearer, eventually, HouseholdWaitlistStream, queryDatabase, readEvents, TestApp, UnitAvailabilityStream, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AllocationRunJob } from '../src/allocation-runs/commands/execute-run/allocation-run.job';
import { aHousehold, aUnit, bedroomLanes, counts, daysAgo, householdInPool, makeAvailable, Publisher, startMatching, unitInPool, waitlist } from './support';

const staff = bearer('sra_staff');
const board = bearer('board_member');
const nextLane = bedroomLanes(3000);

interface ExampleInstance {
  applicants: {
    id: string;
    householdSize: number;
    bedroomsNeeded: number;
    maxRent: number;
    stepFree: boolean;
    pets: boolean;
    excludedDistricts: string[];
    preferredDistricts: string[];
    priority: number;
    waitingDays: number;
  }[];
  units: { id: string; buildingId: string; district: string; bedrooms: number; maxOccupants: number; rent: number; wheelchairAccessible: boolean; stepFree: boolean; petsAllowed: boolean }[];
}

/** The worked example of docs/matching-rules.md: 12 households, 6 units, cap 1. */
const example = JSON.parse(readFileSync(join(__dirname, '../../../libs/matching-engine/test-fixtures/example-instance.json'), 'utf8')) as ExampleInstance;

/**
 * The example, moved into a lane of its own without changing a single eligibility or score: every
 * bedroom count is raised by the same amount (the bedroom rules and the fit bonus compare counts),
 * every rent and budget by the same amount, districts and buildings get a prefix. Unit ids are
 * uuids in the order of u1…u6, so ties still go to "u1" first.
 */
function exampleInLane(lane: number) {
  const tag = randomUUID().slice(0, 6);
  const district = (code: string) => `${tag}-${code}`;
  const unitIds = example.units.map(() => randomUUID()).sort();
  const units = new Map(
    example.units.map((u, i) => [
      u.id,
      new UnitAvailabilityStream({ unitId: unitIds[i] })
        .withBedrooms(u.bedrooms + lane)
        .forUpTo(u.maxOccupants)
        .withRent(u.rent + 10_000)
        .inDistrict(district(u.district))
        .inBuilding(`${tag}-${u.buildingId}`)
        .with('wheelchairAccessible', u.wheelchairAccessible)
        .with('stepFree', u.stepFree)
        .with('petsAllowed', u.petsAllowed),
    ]),
  );
  const households = new Map(
    example.applicants.map((a) => [
      a.id,
      new HouseholdWaitlistStream()
        .withHouseholdSize(a.householdSize)
        .needingBedrooms(a.bedroomsNeeded + lane)
        .withMaxRent(a.maxRent + 10_000)
        .with('stepFree', a.stepFree)
        .with('pets', a.pets)
        .excluding(...a.excludedDistricts.map(district))
        .preferring(...a.preferredDistricts.map(district))
        .withPriority(a.priority)
        .waitingSince(daysAgo(a.waitingDays)),
    ]),
  );
  return { units, households };
}

describe('allocation runs', () => {
  let service: TestApp;
  let publisher: Publisher;

  beforeAll(async () => {
    service = await startMatching({ RUN_APPROVAL_REQUIRED: 'true' });
    publisher = await Publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await service?.close();
  });

  const start = (body: Record<string, unknown>, as = board) => service.http.post('/allocation-runs').set(as).send(body);
  const getRun = (runId: string, as = board) => service.http.get(`/allocation-runs/${runId}`).set(as);

  async function solved(runId: string, app = service) {
    return eventually(async () => {
      const { body } = await app.http.get(`/allocation-runs/${runId}`).set(board).expect(200);
      expect(['awaiting_approval', 'offers_proposed', 'failed']).toContain(body.status);
      // The phase timings are written right after the result's transaction.
      if (body.status !== 'failed') expect(body.timings).not.toBeNull();
      return body;
    }, 30_000);
  }

  describe('the example instance of docs/matching-rules.md, from events to census', () => {
    const lane = nextLane();
    const { units, households } = exampleInLane(lane);
    const unitIds = [...units.values()].map((u) => u.unitId);
    const idOf = (exampleId: string) => (exampleId.startsWith('u') ? units.get(exampleId)!.unitId : households.get(exampleId)!.householdId);

    beforeAll(async () => {
      await waitlist(service, publisher, ...households.values());
      for (const unit of units.values()) await makeAvailable(service, publisher, unit);
    });

    it('finds the optimum 179.41666… with a certificate that checks out, and the board can reject it', async () => {
      const { body: queued } = await start({ mode: 'optimal', maxPerBuilding: 1, units: unitIds }).expect(202);
      expect(queued).toMatchObject({ status: 'queued', mode: 'optimal', policy: { maxPerBuilding: 1, maxExtraBedrooms: 1, weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 } } });

      const run = await solved(queued.id);

      expect(run).toMatchObject({ status: 'awaiting_approval', progress: 100, phase: 'done', certificateValid: true, counts: { units: 6, proposals: 2 } });
      expect(run.totalScore).toBeCloseTo(179 + 5 / 12, 9);
      expect(run.timings).toEqual({ snapshotMs: expect.any(Number), solveMs: expect.any(Number), checkMs: expect.any(Number), storeMs: expect.any(Number) });
      expect(run.proposals.find((p: { householdId: string }) => p.householdId === idOf('a10'))).toMatchObject({ unitId: idOf('u3'), score: 86.5, outcome: 'pending' });
      const { body: verification } = await service.http.post(`/allocation-runs/${run.id}/verify`).set(board).send({}).expect(200);
      expect(verification).toMatchObject({ valid: true, errors: [], mode: 'optimal' });
      const [completed] = await waitForEvents(Topics.matching, run.id, ['AllocationRunCompleted']);
      expect(completed.payload).toEqual({
        runId: run.id,
        mode: 'optimal',
        units: 6,
        households: run.counts.households,
        proposals: 2,
        totalScore: run.totalScore,
        engineVersion: run.engineVersion,
        certificateValid: true,
        approvalRequired: true,
        // The request's building cap; no district cap configured.
        caps: { perBuilding: 1, perDistrict: null },
        // With approval, the departures travel on AllocationRunApproved.
        departures: [],
      });

      const { body: rejected } = await service.http.post(`/allocation-runs/${run.id}/reject`).set(board).send({ note: 'wait for the spring stock' }).expect(200);

      expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'wait for the spring stock', decidedBy: { role: 'board_member' } });
      await waitForEvents(Topics.matching, run.id, ['AllocationRunRejected']);
      expect(await queryDatabase(service.database, 'SELECT id FROM offers WHERE unit_id = ANY($1)', [unitIds])).toEqual([]);
    });

    it('allocates by strict priority (a12 → u1, a1 → u4, total 170.45), keeps the census, and offers go out only on a board member’s approval', async () => {
      const { body: queued } = await start({ mode: 'priority', maxPerBuilding: 1, units: unitIds }, staff).expect(202);
      const run = await solved(queued.id);

      expect(run).toMatchObject({ status: 'awaiting_approval', certificateValid: null });
      expect(run.totalScore).toBeCloseTo(170.45, 9);
      expect(run.proposals.map((p: { householdId: string; unitId: string }) => [p.householdId, p.unitId]).sort()).toEqual(
        [
          [idOf('a12'), idOf('u1')],
          [idOf('a1'), idOf('u4')],
        ].sort(),
      );
      expect(await queryDatabase(service.database, 'SELECT id FROM offers WHERE run_id = $1', [run.id])).toEqual([]);

      const { body: census } = await service.http.get(`/allocation-runs/${run.id}/census`).set(board).expect(200);
      expect(census.instance.policy).toEqual({ mode: 'priority', weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 }, maxPerBuilding: 1, maxExtraBedrooms: 1 });
      expect(census.instance.units.map((u: { id: string }) => u.id)).toEqual(unitIds);
      // Codes are stored as the edge normalises them (upper case), whatever case the event used.
      const u1 = units.get('u1')!.engineAttributes;
      expect(census.instance.units[0]).toEqual({ ...u1, district: u1.district.toUpperCase(), buildingId: u1.buildingId.toUpperCase() });
      expect(census.instance.applicants.find((a: { id: string }) => a.id === idOf('a10'))).toMatchObject({ priority: 57.6, waitingDays: 1494, bedroomsNeeded: lane + 1 });
      expect(census.householdReferences[idOf('a12')]).toBe(households.get('a12')!.reference);
      expect(census.result.totalScore).toBe(run.totalScore);
      expect(census.certificate).toBeNull();
      const { body: verification } = await service.http.post(`/allocation-runs/${run.id}/verify`).set(staff).send({}).expect(200);
      expect(verification).toMatchObject({ valid: true, mode: 'priority' });

      await service.http.post(`/allocation-runs/${run.id}/approve`).set(staff).send({}).expect(403);
      const { body: approved } = await service.http.post(`/allocation-runs/${run.id}/approve`).set(board).send({ expectedVersion: run.version }).expect(200);

      expect(approved.status).toBe('offers_proposed');
      expect(approved.proposals.every((p: { outcome: string; offerId: string }) => p.outcome === 'offer_proposed' && p.offerId)).toBe(true);
      const { body: offers } = await service.http.get(`/offers?runId=${run.id}`).set(staff).expect(200);
      expect(offers.items.map((o: { householdId: string; status: string; source: string }) => [o.householdId, o.status, o.source]).sort()).toEqual(
        [
          [idOf('a12'), 'proposed', 'allocation_run'],
          [idOf('a1'), 'proposed', 'allocation_run'],
        ].sort(),
      );
      const approvedEvent = (await waitForEvents(Topics.matching, run.id, ['AllocationRunApproved'])).find((e) => e.type === 'AllocationRunApproved');
      expect(approvedEvent?.payload).toMatchObject({ runId: run.id, mode: 'priority', offersProposed: 2, excluded: 0, skipped: 0, approvedPoint: null, noteRecorded: false });
      const [proposedEvent] = await waitForEvents(Topics.matching, approved.proposals[0].offerId, ['OfferProposed']);
      expect(proposedEvent.payload).toMatchObject({ source: 'allocation_run', runId: run.id, rank: null });
      expect((await service.http.post(`/allocation-runs/${run.id}/approve`).set(board).send({}).expect(409)).body.code).toBe('RUN.INVALID_TRANSITION');
    });
  });

  describe('district caps inside the optimum: the district-cap example of docs/matching-rules.md', () => {
    // Lanes of their own, well away from the worked example's (whose households need up to lane + 3 bedrooms).
    const districtLanes = bedroomLanes(3900);
    /**
     * u1, u2 in one building and u3 in another, all in D1; u4 alone in D2. Scores with the run's
     * weights: priority + 10 in the preferred district (h1 50, h2 40, h3 30 prefer D1; h4 25 prefers D2).
     */
    function districtExample(lane: number) {
      const tag = randomUUID().slice(0, 6).toUpperCase();
      const [D1, D2] = [`${tag}-D1`, `${tag}-D2`];
      const units = [
        aUnit(lane).inDistrict(D1).inBuilding(`${tag}-b1`),
        aUnit(lane).inDistrict(D1).inBuilding(`${tag}-b1`),
        aUnit(lane).inDistrict(D1).inBuilding(`${tag}-b2`),
        aUnit(lane).inDistrict(D2).inBuilding(`${tag}-b3`),
      ];
      const households = (
        [
          [50, D1],
          [40, D1],
          [30, D1],
          [25, D2],
        ] as const
      ).map(([priority, district]) => aHousehold(lane).withPriority(priority).preferring(district).waitingSince(daysAgo(0)));
      const policy = { weights: { priority: 1, waiting: 0, preference: 10, fit: 0 }, maxPerBuilding: 2, units: units.map((u) => u.unitId) };
      return { D1, D2, units, households, policy };
    }

    const { D1, D2, units, households, policy } = districtExample(districtLanes());
    const [h1, h2, h3, h4] = households.map((h) => h.householdId);
    const districtOf = (unitId: string) => (units.findIndex((u) => u.unitId === unitId) < 3 ? D1 : D2);

    beforeAll(async () => {
      await waitlist(service, publisher, ...households);
      for (const unit of units) await makeAvailable(service, publisher, unit);
    });

    it('optimal: h1 and h2 in D1, h4 in D2, h3 waits; total 145 with a certificate carrying a value per district', async () => {
      // The cap is named in lower case: codes are compared after normalisation.
      const { body: queued } = await start({ mode: 'optimal', ...policy, maxPerDistrict: { [D1.toLowerCase()]: 2 } }).expect(202);
      expect(queued.policy).toMatchObject({ maxPerDistrict: { [D1]: 2 } });

      const run = await solved(queued.id);

      expect(run).toMatchObject({ status: 'awaiting_approval', certificateValid: true, counts: { units: 4, proposals: 3 } });
      expect(run.totalScore).toBe(145);
      const byHousehold = new Map(run.proposals.map((p: { householdId: string; unitId: string }) => [p.householdId, p.unitId]));
      expect([...byHousehold.keys()].sort()).toEqual([h1, h2, h4].sort());
      expect(districtOf(byHousehold.get(h1) as string)).toBe(D1);
      expect(districtOf(byHousehold.get(h2) as string)).toBe(D1);
      expect(byHousehold.get(h4)).toBe(units[3].unitId);
      expect(byHousehold.has(h3)).toBe(false);

      const { body: census } = await service.http.get(`/allocation-runs/${run.id}/census`).set(board).expect(200);
      expect(census.instance.policy).toMatchObject({ maxPerBuilding: 2, maxPerDistrict: { [D1]: 2 } });
      // w[D1] = 40 (what a third place in D1 is worth: h3's 40 there); D2 has no cap, so 0.
      expect(census.certificate.districts).toEqual({ [D1]: 40, [D2]: 0 });
      const { body: verification } = await service.http.post(`/allocation-runs/${run.id}/verify`).set(board).send({}).expect(200);
      expect(verification).toMatchObject({ valid: true, errors: [] });
    });

    it('priority: h1 and h2 fill D1, h3 skips it for the D2 flat, h4 gets nothing; total 140', async () => {
      const run = await solved((await start({ mode: 'priority', ...policy, maxPerDistrict: { [D1]: 2 } }).expect(202)).body.id);

      expect(run.totalScore).toBe(140);
      const byHousehold = new Map(run.proposals.map((p: { householdId: string; unitId: string }) => [p.householdId, p.unitId]));
      // h1 and h2 take the two smallest ids among the equally scored D1 flats (ids are uuids here).
      const d1ById = units.slice(0, 3).map((u) => u.unitId).sort();
      expect(byHousehold).toEqual(
        new Map([
          [h1, d1ById[0]],
          [h2, d1ById[1]],
          [h3, units[3].unitId],
        ]),
      );
    });

    it('computes the frontier between the best overall allocation and strict priority, keeps it in the census, and the board approves a point of it', async () => {
      // A lane of its own: approving makes offers, which would take these flats from the other tests.
      const { units: flats, households: waiting, policy: lanePolicy, D1: d1 } = districtExample(districtLanes());
      await waitlist(service, publisher, ...waiting);
      for (const unit of flats) await makeAvailable(service, publisher, unit);
      const [k1, k2, k3] = waiting.map((h) => h.householdId);
      const { body: queued } = await start({ mode: 'optimal', ...lanePolicy, maxPerDistrict: { [d1]: 2 }, frontier: true }).expect(202);
      expect(queued).toMatchObject({ frontierRequested: true, frontier: null, approvedPoint: null });

      const run = await solved(queued.id);

      // Point 1 is the optimum (h4 housed, h3 passed over by 5 points); the last is strict priority's allocation.
      // The points in between depend on ties (at weight 2 four allocations score the same), so only the ends are pinned.
      const { points, strictPriority } = run.frontier;
      expect(points[0]).toMatchObject({ point: 1, priorityWeight: 1, totalScore: 145, objective: 145, assigned: 3, priorityHoused: 115, certificateValid: true });
      expect(points[0].passedOver).toEqual({ households: 1, maxPoints: 5, totalPoints: 5 });
      const last = points[points.length - 1];
      expect(last).toMatchObject({ totalScore: 140, assigned: 3, priorityHoused: 120, passedOver: { households: 0, maxPoints: 0, totalPoints: 0 }, certificateValid: true });
      expect(points.every((p: { certificateValid: boolean }) => p.certificateValid)).toBe(true);
      expect(strictPriority).toMatchObject({ totalScore: 140, assigned: 3, priorityHoused: 120 });
      expect(run.timings.frontierMs).toEqual(expect.any(Number));
      const { body: census } = await service.http.get(`/allocation-runs/${run.id}/census`).set(board).expect(200);
      expect(census.frontier.points).toHaveLength(points.length);
      expect(census.frontier.points[0].certificate.districts[d1]).toBe(40);
      const { body: verification } = await service.http.post(`/allocation-runs/${run.id}/verify`).set(board).send({}).expect(200);
      expect(verification).toMatchObject({ valid: true, errors: [] });
      expect(verification.checks).toEqual(expect.arrayContaining([expect.stringMatching(/each frontier point/)]));

      const { body: tooFar } = await service.http.post(`/allocation-runs/${run.id}/approve`).set(board).send({ point: points.length + 1 }).expect(400);
      expect(tooFar.errors.map((e: { field: string }) => e.field)).toEqual(['point']);
      const { body: approved } = await service.http.post(`/allocation-runs/${run.id}/approve`).set(board).send({ point: points.length, note: 'priority first' }).expect(200);

      expect(approved).toMatchObject({ status: 'offers_proposed', approvedPoint: points.length });
      expect(approved.proposals.map((p: { householdId: string }) => p.householdId).sort()).toEqual([k1, k2, k3].sort());
      expect(approved.proposals.map((p: { outcome: string }) => p.outcome)).toEqual(['offer_proposed', 'offer_proposed', 'offer_proposed']);
      // The last point passes nobody over: nothing departs from strict priority order.
      const approvedEvent = (await waitForEvents(Topics.matching, run.id, ['AllocationRunApproved'])).find((e) => e.type === 'AllocationRunApproved');
      expect(approvedEvent?.payload).toMatchObject({ approvedPoint: points.length, noteRecorded: true, departures: [] });
    });

    it('approving the optimum lists each departure from strict priority order with its justification in AllocationRunApproved', async () => {
      // A lane of its own: approving makes offers. The optimum: h1, h2 in D1, h4 (25) in the D2 flat while h3 (30), eligible for it, waits.
      const { units: flats, households: waiting, policy: lanePolicy, D1: d1 } = districtExample(districtLanes());
      await waitlist(service, publisher, ...waiting);
      for (const unit of flats) await makeAvailable(service, publisher, unit);
      const [k1, k2, k3, k4] = waiting.map((h) => h.householdId);
      const run = await solved((await start({ mode: 'optimal', ...lanePolicy, maxPerDistrict: { [d1]: 2 } }).expect(202)).body.id);
      const flatOf = new Map(run.proposals.map((p: { householdId: string; unitId: string }) => [p.householdId, p.unitId]));
      expect(run.proposals.find((p: { householdId: string }) => p.householdId === k4)).toMatchObject({ priority: 25, passedOver: { householdId: k3, reference: waiting[2].reference, priority: 30 } });
      // The caps it was solved with travel on AllocationRunCompleted (reporting's spread compares against them).
      const [completed] = await waitForEvents(Topics.matching, run.id, ['AllocationRunCompleted']);
      expect(completed.payload).toMatchObject({ caps: { perBuilding: 2, perDistrict: { [d1]: 2 } }, departures: [] });

      await service.http
        .post(`/allocation-runs/${run.id}/approve`)
        .set(board)
        .send({ exclude: [flatOf.get(k2)], note: 'h2 is moving to another city' })
        .expect(200);

      const approvedEvent = (await waitForEvents(Topics.matching, run.id, ['AllocationRunApproved'])).find((e) => e.type === 'AllocationRunApproved');
      const { departures, ...counts } = approvedEvent!.payload as { departures: { unitId: string }[] };
      expect(counts).toEqual({ runId: run.id, mode: 'optimal', offersProposed: 2, excluded: 1, skipped: 0, approvedPoint: null, noteRecorded: true });
      // h1 (50) passed nobody over; h2's flat (40) left out by the board (nobody above 40 waited); h4's flat: h3 passed over.
      expect([...departures].sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual(
        [
          { kind: 'board_exclusion', justification: 'board_decision', unitId: flatOf.get(k2), householdId: k2, priority: 40, passedOverHouseholdId: null, passedOverPriority: null },
          { kind: 'run_choice', justification: 'optimal_allocation', unitId: flats[3].unitId, householdId: k4, priority: 25, passedOverHouseholdId: k3, passedOverPriority: 30 },
        ].sort((a, b) => String(a.unitId).localeCompare(String(b.unitId))),
      );
      expect(flatOf.has(k1)).toBe(true);
    });

    it('refuses a frontier for a priority run, and a point for a run without a frontier', async () => {
      const { body: refused } = await start({ mode: 'priority', ...policy, frontier: true }).expect(400);
      expect(refused.errors.map((e: { field: string }) => e.field)).toEqual(['frontier']);
      const run = await solved((await start({ mode: 'optimal', ...policy }).expect(202)).body.id);
      const { body } = await service.http.post(`/allocation-runs/${run.id}/approve`).set(board).send({ point: 1 }).expect(400);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['point']);
      expect((await getRun(run.id)).body.status).toBe('awaiting_approval');
    });

    it('takes the configured cap of every district when the run names none, and none with null', async () => {
      const capped = await startMatching({ RUN_APPROVAL_REQUIRED: 'true', MAX_PER_DISTRICT: '1' });
      try {
        // A service started now hears only what is published from now on: the example again, in a lane of its own.
        const again = districtExample(districtLanes());
        await waitlist(capped, publisher, ...again.households);
        for (const unit of again.units) await makeAvailable(capped, publisher, unit);
        const { policy } = again;
        const { body: queued } = await capped.http.post('/allocation-runs').set(board).send({ mode: 'optimal', ...policy }).expect(202);
        expect(queued.policy.maxPerDistrict).toBe(1);
        const run = await solved(queued.id, capped);
        // One household per district: h1 and h2 share D1 and D2 either way round, 60 + 40 = 50 + 50 = 100
        // (h4 in D2 would give 60 + 35 = 95 at best).
        expect(run.totalScore).toBe(100);
        expect(run.proposals.map((p: { householdId: string }) => p.householdId).sort()).toEqual([again.households[0].householdId, again.households[1].householdId].sort());
        const { body: uncapped } = await capped.http.post('/allocation-runs').set(board).send({ mode: 'optimal', ...policy, maxPerDistrict: null }).expect(202);
        // Without a cap h1, h2, h3 take the three D1 flats and h4 the D2 one: 60 + 50 + 40 + 35.
        expect((await solved(uncapped.id, capped)).totalScore).toBe(185);
      } finally {
        await capped.close();
      }
    });
  });

  it('reports the district soft limit, flags the lowest-scoring proposals beyond it, and lets the board leave them out', async () => {
    const lane = nextLane();
    const households = [95, 85, 75].map((priority) => aHousehold(lane).withPriority(priority));
    await waitlist(service, publisher, ...households);
    const units = [0, 1, 2].map(() => aUnit(lane).inDistrict('D-CONCENTRATED'));
    for (const unit of units) await makeAvailable(service, publisher, unit);

    const { body: queued } = await start({ mode: 'optimal', maxPerBuilding: null, districtLimit: 1, units: units.map((u) => u.unitId) }).expect(202);
    const run = await solved(queued.id);

    expect(run.districtReport).toMatchObject({ limit: 1, districts: [{ district: 'D-CONCENTRATED', proposals: 3, overLimitBy: 2 }] });
    const flagged = run.proposals.filter((p: { overDistrictLimit: boolean }) => p.overDistrictLimit);
    expect(flagged.map((p: { householdId: string }) => p.householdId).sort()).toEqual([households[1].householdId, households[2].householdId].sort());
    const { body: approved } = await service.http
      .post(`/allocation-runs/${run.id}/approve`)
      .set(board)
      .send({ exclude: flagged.map((p: { unitId: string }) => p.unitId), note: 'one household per district this round' })
      .expect(200);
    expect(approved.proposals.map((p: { outcome: string }) => p.outcome).sort()).toEqual(['excluded', 'excluded', 'offer_proposed']);
  });

  it('skips a proposal whose household left the waitlist between the run and the approval', async () => {
    const lane = nextLane();
    const household = aHousehold(lane);
    await waitlist(service, publisher, household);
    const unit = aUnit(lane);
    await makeAvailable(service, publisher, unit);
    const run = await solved((await start({ mode: 'priority', units: [unit.unitId] }).expect(202)).body.id);
    await publisher.applicants(household.paused());
    await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ status: 'paused' }), 30_000);

    const { body } = await service.http.post(`/allocation-runs/${run.id}/approve`).set(board).send({}).expect(200);

    expect(body.proposals).toEqual([expect.objectContaining({ outcome: 'skipped', skippedBecause: 'OFFER.HOUSEHOLD_NOT_WAITLISTED', offerId: null })]);
    const approvedEvent = (await waitForEvents(Topics.matching, run.id, ['AllocationRunApproved'])).find((e) => e.type === 'AllocationRunApproved');
    expect(approvedEvent?.payload).toMatchObject({ offersProposed: 0, skipped: 1 });
  });

  describe('refusals', () => {
    it.each([
      ['no mode and no units', {}, ['mode', 'units']],
      ['an unknown mode', { mode: 'fair', units: 'all' }, ['mode']],
      ['a negative weight', { mode: 'optimal', units: 'all', weights: { priority: -1, waiting: 0.5, preference: 8, fit: 4 } }, ['weights.priority']],
      ['a cap of zero and a fractional district limit', { mode: 'optimal', units: 'all', maxPerBuilding: 0, districtLimit: 1.5 }, ['maxPerBuilding', 'districtLimit']],
      ['the same unit twice', { mode: 'optimal', units: ['3f1c9a52-0000-4000-8000-000000000000', '3f1c9a52-0000-4000-8000-000000000000'] }, ['units']],
      ['an unknown field', { mode: 'optimal', units: 'all', fairness: 'max' }, ['fairness']],
      ['a negative district cap', { mode: 'optimal', units: 'all', maxPerDistrict: -1 }, ['maxPerDistrict']],
      ['a district named twice in the caps', { mode: 'optimal', units: 'all', maxPerDistrict: { d1: 1, D1: 2 } }, ['maxPerDistrict']],
    ])('POST /allocation-runs with %s → 400, nothing written', async (_case, body, fields) => {
      const before = await counts(service);

      const response = await start(body).expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await counts(service)).toEqual(before);
    });

    it('refuses units that are unknown or not available (409), naming them, and writes nothing', async () => {
      const unit = aUnit(nextLane());
      await makeAvailable(service, publisher, unit);
      await publisher.units(unit.withdrawn());
      await eventually(async () => expect(await unitInPool(service, unit.unitId)).toMatchObject({ status: 'withdrawn' }), 30_000);
      const unknown = '3f1c9a52-0000-4000-8000-00000000abcd';
      const before = await counts(service);

      const response = await start({ mode: 'optimal', units: [unit.unitId, unknown] }).expect(409);

      expect(response.body).toMatchObject({ code: 'RUN.UNITS_NOT_AVAILABLE' });
      expect(response.body.units).toEqual(
        expect.arrayContaining([
          { unitId: unit.unitId, reason: 'not_available' },
          { unitId: unknown, reason: 'unknown' },
        ]),
      );
      expect(await counts(service)).toEqual(before);
    });

    it('refuses a board decision naming units the run proposes nothing for (400)', async () => {
      const lane = nextLane();
      const household = aHousehold(lane);
      await waitlist(service, publisher, household);
      const unit = aUnit(lane);
      await makeAvailable(service, publisher, unit);
      const run = await solved((await start({ mode: 'optimal', units: [unit.unitId] }).expect(202)).body.id);
      const before = await counts(service);

      const response = await service.http.post(`/allocation-runs/${run.id}/approve`).set(board).send({ exclude: ['3f1c9a52-0000-4000-8000-00000000abcd'] }).expect(400);

      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'exclude' })]);
      expect(await counts(service)).toEqual(before);
      expect((await readEvents(Topics.matching, run.id)).map((e) => e.type)).toEqual(['AllocationRunCompleted']);
    });

    it('answers 404 for an unknown run', async () => {
      const unknown = '3f1c9a52-0000-4000-8000-00000000abcd';
      expect((await getRun(unknown).expect(404)).body.code).toBe('RUN.NOT_FOUND');
      await service.http.get(`/allocation-runs/${unknown}/census`).set(board).expect(404);
      await service.http.post(`/allocation-runs/${unknown}/verify`).set(board).send({}).expect(404);
    });

    it.each(['caseworker', 'landlord', 'inspector'] as const)('refuses runs and their census to a %s (403)', async (role) => {
      const as = bearer(role);
      await start({ mode: 'optimal', units: 'all' }, as).expect(403);
      await service.http.get('/allocation-runs').set(as).expect(403);
      await getRun(randomUUID(), as).expect(403);
      await service.http.get(`/allocation-runs/${randomUUID()}/census`).set(as).expect(403);
      await service.http.post(`/allocation-runs/${randomUUID()}/approve`).set(as).send({}).expect(403);
    });

    it('lists runs to staff and board members, newest first, without their proposals', async () => {
      const { body } = await service.http.get('/allocation-runs?mode=priority&limit=5').set(staff).expect(200);

      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((r: { mode: string; proposals?: unknown }) => r.mode === 'priority' && r.proposals === undefined)).toBe(true);
    });
  });

  it('solves again a run whose worker died mid-solve, when BullMQ hands its job out again', async () => {
    const lane = nextLane();
    const household = aHousehold(lane).withPriority(40);
    const unit = aUnit(lane);
    await publisher.applicants(household.waitlisted());
    await publisher.units(unit.becameAvailable());
    await eventually(async () => expect(await unitInPool(service, unit.unitId)).toMatchObject({ status: 'available' }), 30_000);
    await eventually(async () => expect(await householdInPool(service, household.householdId)).toMatchObject({ status: 'waitlisted' }), 30_000);
    const worker = service.app.get(AllocationRunJob).worker;
    await worker.pause(true);
    let runId: string;
    try {
      ({ body: { id: runId } } = await start({ mode: 'optimal', units: [unit.unitId] }).expect(202));
      // What a worker that took the job and then died leaves behind.
      await queryDatabase(service.database, `UPDATE allocation_runs SET status = 'running', progress = 35, phase = 'solve' WHERE id = $1`, [runId]);
    } finally {
      worker.resume();
    }

    const run = await solved(runId);
    expect(run).toMatchObject({ status: 'awaiting_approval', proposals: [expect.objectContaining({ unitId: unit.unitId, householdId: household.householdId })] });
    const [completed] = await waitForEvents(Topics.matching, runId, ['AllocationRunCompleted']);
    expect(completed.payload).toMatchObject({ proposals: 1, certificateValid: true });
  });

  describe('without board approval (RUN_APPROVAL_REQUIRED=false)', () => {
    let unapproved: TestApp;

    beforeAll(async () => {
      unapproved = await startMatching({ RUN_APPROVAL_REQUIRED: 'false' });
    });

    afterAll(async () => {
      await unapproved?.close();
    });

    it('proposes the offers as soon as the run is solved', async () => {
      const lane = nextLane();
      const household = aHousehold(lane).withPriority(66);
      const unit = aUnit(lane);
      await publisher.applicants(household.waitlisted());
      await publisher.units(unit.becameAvailable());
      await eventually(async () => expect(await unitInPool(unapproved, unit.unitId)).toMatchObject({ status: 'available' }), 30_000);
      await eventually(async () => expect(await householdInPool(unapproved, household.householdId)).toMatchObject({ status: 'waitlisted' }), 30_000);

      const { body: queued } = await unapproved.http.post('/allocation-runs').set(staff).send({ mode: 'optimal', units: [unit.unitId] }).expect(202);
      const run = await solved(queued.id, unapproved);

      expect(run).toMatchObject({ status: 'offers_proposed', proposals: [expect.objectContaining({ householdId: household.householdId, outcome: 'offer_proposed' })] });
      const [completed] = await waitForEvents(Topics.matching, run.id, ['AllocationRunCompleted']);
      expect(completed.payload).toMatchObject({ approvalRequired: false, proposals: 1, departures: [] });
      await waitForEvents(Topics.matching, run.proposals[0].offerId, ['OfferProposed']);
    });
  });
});
