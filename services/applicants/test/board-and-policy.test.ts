import { Topics } from '@hearth/contracts';
import {
  aHouseholdRegistration,
  anAssessment,
  aPriorityPolicy,
  bearer,
  eventually,
  queryDatabase,
  readEvents,
  settled,
  TestApp,
  waitForEvents,
} from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { RescoringScheduler } from '../src/priority/rescoring.scheduler';
import { databaseSnapshot, HouseholdJourney, staff, startApplicants } from './support';

const BOARD_ENTRY_KEYS = [
  'adults',
  'assessmentScore',
  'boardAdjustment',
  'children',
  'householdSize',
  'needs',
  'policyVersion',
  'priority',
  'programme',
  'rank',
  'reference',
  'scoreBreakdown',
  'status',
  'urgent',
  'waitingDays',
].sort();

const sumOf = (items: { points: number }[]) => Math.round(items.reduce((sum, i) => sum + i.points * 10, 0)) / 10;

describe('applicants service: board review, statistics and priority policies', () => {
  let service: TestApp;
  let journey: HouseholdJourney;
  const memberId = `board-${randomUUID()}`;
  const board = bearer('board_member', { sub: memberId });

  beforeAll(async () => {
    ({ service } = await startApplicants({ RESCORE_BATCH_SIZE: '10' }));
    journey = new HouseholdJourney(service);
  });

  afterAll(() => service?.close());

  const decide = (reference: string, body: Record<string, unknown>, as = board) => service.http.post(`/board/households/${reference}/decisions`).set(as).send(body);
  const household = async (id: string) => (await service.http.get(`/households/${id}`).set(staff).expect(200)).body;

  describe('the pseudonymised waitlist', () => {
    it('shows reference, size, needs, a score breakdown that adds up and waiting days — nothing that identifies anyone', async () => {
      const { reference } = await journey.waitlisted({
        registration: aHouseholdRegistration().withMembers(2, 1, [6]),
        assessment: anAssessment().livingIn('rough_sleeping').homelessFor(18).vulnerable('health'),
      });

      const { body } = await service.http.get('/board/waitlist?limit=100').set(board).expect(200);

      const entry = body.items.find((e: { reference: string }) => e.reference === reference);
      expect(Object.keys(entry).sort()).toEqual(BOARD_ENTRY_KEYS);
      expect(entry).toMatchObject({
        status: 'waitlisted',
        householdSize: 3,
        adults: 2,
        children: 1,
        needs: { bedroomsNeeded: 2, wheelchair: false, stepFree: false, pets: false },
        priority: 66,
        waitingDays: 0,
        policyVersion: 1,
      });
      expect(entry.scoreBreakdown).toEqual([
        { factor: 'living_situation', item: 'rough_sleeping', points: 40 },
        { factor: 'months_homeless', item: '18', points: 18 },
        { factor: 'vulnerability', item: 'health', points: 8 },
      ]);
      expect(sumOf(entry.scoreBreakdown)).toBe(entry.priority);
    });
  });

  describe('board decisions', () => {
    it('grants urgent status: recorded with member and time, reflected in the score and published', async () => {
      const { id, reference } = await journey.waitlisted({ assessment: anAssessment().livingIn('emergency_shelter').homelessFor(10) });

      const response = await decide(reference, { kind: 'urgent', justification: 'Winter emergency: sleeping in a car with a newborn' }).expect(201);

      expect(response.body).toMatchObject({ reference, kind: 'urgent', decidedBy: memberId, active: true, priority: 60 });
      expect(Date.now() - Date.parse(response.body.decidedAt)).toBeLessThan(60_000);
      const events = await waitForEvents(Topics.applicants, id, ['ApplicantNeedsChanged']);
      const changed = events.find((e) => e.type === 'ApplicantNeedsChanged')!;
      expect(changed.payload).toMatchObject({ priority: 60, status: 'waitlisted' });
      expect(changed.actor).toEqual({ id: memberId, role: 'board_member' });
      const detail = await service.http.get(`/board/households/${reference}`).set(board).expect(200);
      expect(detail.body.scoreBreakdown).toContainEqual({ factor: 'urgent', points: 20 });
      expect(detail.body.decisions).toEqual([expect.objectContaining({ kind: 'urgent', decidedBy: memberId })]);
    });

    it('refuses urgent status twice (409 BOARD.ALREADY_URGENT)', async () => {
      const { reference } = await journey.waitlisted();
      await decide(reference, { kind: 'urgent', justification: 'Discharged from hospital tomorrow' }).expect(201);

      const response = await decide(reference, { kind: 'urgent', justification: 'Discharged from hospital tomorrow' }).expect(409);

      expect(response.body.code).toBe('BOARD.ALREADY_URGENT');
    });

    it('adjusts priority with a justification, then reverses it: both kept, the score back, each change published', async () => {
      const { id, reference } = await journey.waitlisted({ assessment: anAssessment().livingIn('temporary_accommodation').homelessFor(4) });
      const adjusted = await decide(reference, { kind: 'priority_adjustment', points: -7.5, justification: 'Offered a suitable home twice, declined without reason' }).expect(201);
      expect(adjusted.body.priority).toBe(16.5);

      const reversed = await service.http
        .post(`/board/decisions/${adjusted.body.id}/reversal`)
        .set(board)
        .send({ justification: 'Declines were for safety reasons after all' })
        .expect(200);

      expect(reversed.body).toMatchObject({ active: false, reversedBy: memberId, reversalJustification: 'Declines were for safety reasons after all', priority: 24 });
      expect((await household(id)).priority).toBe(24);
      await eventually(async () => {
        const priorities = (await readEvents(Topics.applicants, id)).filter((e) => e.type === 'ApplicantNeedsChanged').map((e) => e.payload.priority);
        expect(priorities).toEqual([16.5, 24]);
      });
      const decisions = await service.http.get(`/board/decisions?reference=${reference}`).set(board).expect(200);
      expect(decisions.body.items).toEqual([expect.objectContaining({ kind: 'priority_adjustment', points: -7.5, active: false, justification: expect.stringContaining('declined') })]);
      const again = await service.http.post(`/board/decisions/${adjusted.body.id}/reversal`).set(board).send({ justification: 'Declines were for safety reasons' }).expect(409);
      expect(again.body.code).toBe('BOARD.ALREADY_REVERSED');
    });

    it('refuses a decision about a household without a priority (409 BOARD.NOT_ON_LIST)', async () => {
      const { reference } = await journey.registered();

      const response = await decide(reference, { kind: 'urgent', justification: 'Looks urgent from the referral' }).expect(409);

      expect(response.body.code).toBe('BOARD.NOT_ON_LIST');
    });

    it.each([
      ['an adjustment without a justification', { kind: 'priority_adjustment', points: 5 }, 'justification'],
      ['an adjustment without points', { kind: 'priority_adjustment', justification: 'Needs to move sooner' }, 'points'],
      ['an adjustment beyond 25 points', { kind: 'priority_adjustment', points: 40, justification: 'Needs to move sooner' }, 'points'],
      ['a justification too short to explain anything', { kind: 'urgent', justification: 'urgent!' }, 'justification'],
    ])('refuses %s (400), writing nothing and publishing nothing', async (_case, body, field) => {
      const { id, reference } = await journey.waitlisted();
      await waitForEvents(Topics.applicants, id, ['ApplicantWaitlisted']);
      const before = await databaseSnapshot(service.database);

      const response = await decide(reference, body).expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await databaseSnapshot(service.database)).toEqual(before);
      await settled(service);
      expect((await readEvents(Topics.applicants, id)).at(-1)!.type).toBe('ApplicantWaitlisted');
    });

    it('answers an unknown reference with 404 and a malformed one with 400', async () => {
      await decide('HX-ZZZZZZ', { kind: 'urgent', justification: 'Looks urgent from the referral' }).expect(404);
      await service.http.get('/board/households/not-a-reference').set(board).expect(400);
    });
  });

  describe('statistics', () => {
    it('counts by programme and status, and distributes waiting time and scores, keeping erased households as counts', async () => {
      const erased = await journey.registered({ registration: aHouseholdRegistration().forProgramme('rapid_rehousing') });
      await service.http.post(`/households/${erased.id}/erasure`).set(staff).send({ basis: 'data_subject_request' }).expect(200);

      const { body } = await service.http.get('/board/statistics').set(board).expect(200);

      const waitlist = (await service.http.get('/board/waitlist').set(board).expect(200)).body;
      const total = (counts: { count: number }[]) => counts.reduce((sum, c) => sum + c.count, 0);
      expect(body.waitlist.total).toBe(waitlist.total);
      expect(total(body.waitlist.byProgramme)).toBe(waitlist.total);
      expect(total(body.waitlist.waitingTime)).toBe(waitlist.total);
      expect(body.waitlist.waitingTime[0]).toEqual({ bucket: 'under 3 months', count: waitlist.total });
      expect(total(body.waitlist.priority)).toBe(waitlist.total);
      expect(body.waitlist.priority[6]).toMatchObject({ from: 60, to: 70 });
      expect(body.waitlist.priority[6].count).toBeGreaterThanOrEqual(2);
      expect(body.waitlist.urgent).toBe(2);
      expect(body.waitlist.waitingDays).toEqual({ median: 0, p90: 0, max: 0 });
      expect(body.households.erased).toBe(1);
      expect(body.households.byProgrammeAndStatus).toContainEqual({ programme: 'rapid_rehousing', status: 'exited', count: 1 });
      expect(total(body.households.byProgrammeAndStatus)).toBe(body.households.total);
    });
  });

  describe('publishing a priority policy', () => {
    it('re-scores every waitlisted household in a background job with progress, publishing only the changes', async () => {
      const roughSleepers = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((m) => journey.waitlisted({ assessment: anAssessment().livingIn('rough_sleeping').homelessFor(m) })));
      const others = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((m) => journey.waitlisted({ assessment: anAssessment().livingIn('overcrowded').homelessFor(m) })));
      const waitlisted = (await service.http.get('/waitlist').set(staff).expect(200)).body.total;
      const before = new Map(await Promise.all([...roughSleepers, ...others].map(async (h) => [h.id, (await household(h.id)).priority] as const)));

      const published = await service.http
        .post('/priority-policies')
        .set(board)
        .send(aPriorityPolicy().weighting('livingSituation', 'rough_sleeping', 55).withSummary('Rough sleeping weighs more after the winter review').expectingCurrentVersion(1).build())
        .expect(201);

      expect(published.body).toMatchObject({ version: 2, publishedBy: memberId, rescoring: { jobId: 'rescore-policy-2', progress: '/priority-policies/2/rescoring' } });
      const status = await eventually(async () => {
        const { body } = await service.http.get('/priority-policies/2/rescoring').set(board).expect(200);
        expect(body.state).toBe('completed');
        return body;
      }, 30_000);
      expect(status.progress).toEqual({ total: waitlisted, processed: waitlisted, changed: expect.any(Number) });
      expect(status.progress.changed).toBeGreaterThanOrEqual(roughSleepers.length);

      for (const h of roughSleepers) expect(await household(h.id)).toMatchObject({ priority: before.get(h.id)! + 15, policyVersion: 2 });
      for (const h of others) expect(await household(h.id)).toMatchObject({ priority: before.get(h.id), policyVersion: 2 });

      // Other suites publish policies too (the same aggregate on the shared broker): ours is the one this member published.
      const ours = await eventually(async () => {
        const published = (await readEvents(Topics.applicants, 'priority-policy')).filter((e) => e.type === 'PriorityPolicyPublished' && e.actor.id === memberId);
        expect(published).toHaveLength(1);
        return published[0];
      }, 30_000);
      expect(ours).toMatchObject({ aggregateVersion: 2, payload: { policyVersion: 2, weights: { livingSituation: { rough_sleeping: 55 } } } });
      await eventually(async () => {
        const changes = (await readEvents(Topics.applicants)).filter((e) => e.type === 'ApplicantNeedsChanged' && e.actor.role === 'system');
        expect(changes).toHaveLength(status.progress.changed);
        expect(new Set(changes.map((e) => e.aggregateId)).size).toBe(changes.length);
        for (const h of roughSleepers) expect(changes.find((e) => e.aggregateId === h.id)!.payload.priority).toBe(before.get(h.id)! + 15);
        for (const h of others) expect(changes.find((e) => e.aggregateId === h.id)).toBeUndefined();
      }, 20_000);
    });

    it('scores new assessments under the policy in force and lists it as in force', async () => {
      const { id } = await journey.assessed({ assessment: anAssessment().livingIn('rough_sleeping').homelessFor(0) });

      expect(await household(id)).toMatchObject({ priority: 55, policyVersion: 2 });
      const policies = await service.http.get('/priority-policies').set(staff).expect(200);
      expect(policies.body.items.map((p: { version: number; inForce: boolean }) => [p.version, p.inForce])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(policies.body.items[0].rescoring).toMatchObject({ completedAt: expect.any(String), changed: expect.any(Number) });
    });

    it('never queues the re-scoring of a version twice (deterministic job id)', async () => {
      const scheduler = service.app.get(RescoringScheduler);
      const before = (await service.http.get('/priority-policies/2/rescoring').set(board).expect(200)).body;

      await scheduler.enqueue(2);

      const job = await scheduler.job(2);
      expect(await job!.getState()).toBe('completed');
      expect(job!.attemptsMade).toBe(1);
      await settled(service);
      expect((await service.http.get('/priority-policies/2/rescoring').set(board).expect(200)).body).toEqual(before);
    });

    it('refuses a publication from a stale version (409 POLICY.STALE) and invalid weights (400), writing and publishing nothing', async () => {
      const before = await databaseSnapshot(service.database);
      await settled(service);
      const eventsBefore = (await readEvents(Topics.applicants, 'priority-policy')).length;

      const stale = await service.http.post('/priority-policies').set(board).send(aPriorityPolicy().expectingCurrentVersion(1).build()).expect(409);
      const invalid = await service.http
        .post('/priority-policies')
        .set(board)
        .send(aPriorityPolicy().weighting('vulnerabilities', 'health', -3).weighting('vulnerabilities', 'poverty', 5).build())
        .expect(400);

      expect(stale.body.code).toBe('POLICY.STALE');
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['weights.vulnerabilities.health', 'weights.vulnerabilities.poverty']));
      expect(await databaseSnapshot(service.database)).toEqual(before);
      await settled(service);
      expect(await readEvents(Topics.applicants, 'priority-policy')).toHaveLength(eventsBefore);
    });

    it('leaves no household under the old policy when requests score households while a policy is published', async () => {
      const households = await Promise.all([1, 2, 3, 4, 5, 6].map(() => journey.waitlisted()));
      const reassess = (id: string) => service.http.post(`/households/${id}/assessments`).set(staff).send(anAssessment().livingIn('rough_sleeping').homelessFor(3).build());
      const publish = service.http
        .post('/priority-policies')
        .set(board)
        .send(aPriorityPolicy().weighting('livingSituation', 'rough_sleeping', 60).expectingCurrentVersion(2).build());

      const responses = await Promise.all([...households.map((h) => reassess(h.id)), publish]);

      expect(responses.map((r) => r.status)).toEqual([...households.map(() => 201), 201]);
      await eventually(async () => expect((await service.http.get('/priority-policies/3/rescoring').set(board).expect(200)).body.state).toBe('completed'), 30_000);
      const [{ stale }] = await queryDatabase<{ stale: number }>(service.database, `SELECT count(*)::int AS stale FROM households WHERE status = 'waitlisted' AND policy_version < 3`);
      expect(stale).toBe(0);
      for (const h of households) expect(await household(h.id)).toMatchObject({ priority: 63, policyVersion: 3 });
    });
  });
});
