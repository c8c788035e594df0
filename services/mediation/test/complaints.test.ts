import { Topics } from '@hearth/contracts';
import { bearer, clearRedisPrefix, eventually, queryDatabase, readEvents, TestApp, TestProducer, waitForEvents } from '@hearth/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { JobSweeper } from '@hearth/platform';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DeadlineScheduler } from '../src/deadlines/deadline.scheduler';
import { MediationQueue } from '../src/mediation.queues';
import { applied, caseworkerAssigned, databaseSnapshot, publish, publishLease, startMediation, TenancyEventStream } from './support';

// Every date below was counted by hand on the Belgian calendar of 2026 (HOLIDAY_REGION=BE):
// Easter Monday 6 April, Labour Day 1 May, Ascension 14 May, Whit Monday 25 May.

const handlerId = `staff-${randomUUID().slice(0, 8)}`;
const handler = bearer('sra_staff', { sub: handlerId });

describe('complaints', () => {
  let service: TestApp;
  let env: NodeJS.ProcessEnv;
  let producer: TestProducer;
  let neighbourId: string;

  beforeAll(async () => {
    ({ service, env } = await startMediation({ DIGEST_INTERVAL_MS: '1000' }));
    producer = await TestProducer.connect();
    neighbourId = (await service.http.post('/neighbours').set(handler).send({ fullName: 'Marie Dubois', flatLabel: '2nd floor' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
  });

  async function aTenancy(caseworkerId?: string): Promise<TenancyEventStream> {
    const tenancy = new TenancyEventStream();
    if (caseworkerId) {
      const assigned = caseworkerAssigned(tenancy, caseworkerId);
      await publish(producer, Topics.applicants, assigned);
      await applied(service, assigned.id);
    }
    const started = tenancy.started('2026-01-05');
    await publishLease(producer, started);
    await applied(service, started.id);
    return tenancy;
  }

  const aComplaint = (tenancy: TenancyEventStream, fields: Record<string, unknown> = {}) => ({
    unitId: tenancy.unitId,
    category: 'noise',
    intensity: 'medium',
    channel: 'letter',
    description: 'Loud music every night after midnight, says the neighbour on the 2nd floor.',
    complainant: { kind: 'neighbour', ref: neighbourId },
    respondent: { kind: 'household', ref: tenancy.householdId },
    ...fields,
  });

  const file = async (body: Record<string, unknown>, as = handler) => (await service.http.post('/complaints').set(as).send(body).expect(201)).body;

  describe('stage 1 and stage 2 deadlines in working days', () => {
    it('runs a complaint received on Good Friday through both stages with the code’s deadlines', async () => {
      const tenancy = await aTenancy();
      const received = await file(aComplaint(tenancy, { receivedAt: '2026-04-03T09:30:00+02:00' }));

      // Fri 3 Apr + 5 working days (Mon 6 Apr is Easter Monday) = Mon 13 Apr.
      expect(received).toMatchObject({ stage: 1, status: 'awaiting_acknowledgement', receivedOn: '2026-04-03', tenancyId: tenancy.tenancyId, householdId: tenancy.householdId, handlerId });
      expect(received.stages[0].acknowledgement).toMatchObject({ dueOn: '2026-04-13' });
      const [event] = await waitForEvents(Topics.mediation, received.id, ['ComplaintReceived']);
      expect(event.payload).toEqual({
        complaintId: received.id,
        unitId: tenancy.unitId,
        tenancyId: tenancy.tenancyId,
        householdId: tenancy.householdId,
        category: 'noise',
        intensity: 'medium',
        channel: 'letter',
        complainantKind: 'neighbour',
        respondentKind: 'household',
        receivedOn: '2026-04-03',
        acknowledgeBy: '2026-04-13',
      });

      // The due day is long past: the deadline job fires at once and flags the acknowledgement overdue.
      await eventually(async () => {
        const { body } = await service.http.get(`/complaints/${received.id}`).set(handler).expect(200);
        expect(body.stages[0].acknowledgement).toMatchObject({ state: 'overdue', overdueFlagged: true });
      }, 30_000);

      // Acknowledged on Mon 13 Apr: the answer is due 10 working days later, Mon 27 Apr.
      const acknowledged = (await service.http.post(`/complaints/${received.id}/acknowledge`).set(handler).send({ acknowledgedOn: '2026-04-13' }).expect(200)).body;
      expect(acknowledged.status).toBe('awaiting_answer');
      expect(acknowledged.stages[0].acknowledgement).toMatchObject({ doneOn: '2026-04-13', state: 'met' });
      expect(acknowledged.stages[0].answer).toMatchObject({ dueOn: '2026-04-27' });

      // An extension needs a reason and stays within 10 working days in all.
      await service.http.post(`/complaints/${received.id}/extend`).set(handler).send({ workingDays: 11, reason: 'Waiting for the landlord' }).expect(409);
      const extended = (await service.http.post(`/complaints/${received.id}/extend`).set(handler).send({ workingDays: 10, reason: 'Waiting for the landlord’s repair report' }).expect(200)).body;
      // Mon 27 Apr + 10 working days over Labour Day (Fri 1 May) = Tue 12 May.
      expect(extended.stages[0].answer).toMatchObject({ dueOn: '2026-05-12', extensionDays: 10, extensionReasons: ['Waiting for the landlord’s repair report'] });
      const more = await service.http.post(`/complaints/${received.id}/extend`).set(handler).send({ workingDays: 1, reason: 'Still waiting' }).expect(409);
      expect(more.body).toMatchObject({ code: 'COMPLAINT.EXTENSION_TOO_LONG', maxDays: 10, alreadyDays: 10 });

      const answered = (await service.http.post(`/complaints/${received.id}/answer`).set(handler).send({ answer: 'We met the household; quiet hours agreed.', upheld: true, answeredOn: '2026-05-12' }).expect(200)).body;
      expect(answered.stages[0].answer).toMatchObject({ doneOn: '2026-05-12', state: 'met', upheld: true, text: 'We met the household; quiet hours agreed.' });
      const events = await waitForEvents(Topics.mediation, received.id, ['ComplaintAcknowledged', 'ComplaintAnswered']);
      expect(events.find((e) => e.type === 'ComplaintAnswered')!.payload).toMatchObject({ stage: 1, answeredOn: '2026-05-12', answerBy: '2026-05-12', late: false, upheld: true });

      // Stage 2: never the stage-1 handler.
      const same = await service.http.post(`/complaints/${received.id}/stage-two`).set(handler).send({ handlerId, requestedOn: '2026-05-13' }).expect(409);
      expect(same.body.code).toBe('COMPLAINT.SAME_HANDLER');
      const reviewerId = `mediator-${randomUUID().slice(0, 8)}`;
      const reviewer = bearer('mediator', { sub: reviewerId });
      const stageTwo = (await service.http.post(`/complaints/${received.id}/stage-two`).set(handler).send({ handlerId: reviewerId, requestedOn: '2026-05-13' }).expect(200)).body;
      // Wed 13 May + 5 working days (Thu 14 May is Ascension) = Thu 21 May.
      expect(stageTwo).toMatchObject({ stage: 2, status: 'awaiting_acknowledgement', handlerId: reviewerId });
      expect(stageTwo.stages[1].acknowledgement).toMatchObject({ dueOn: '2026-05-21' });
      const escalated = (await waitForEvents(Topics.mediation, received.id, ['ComplaintEscalated'])).find((e) => e.type === 'ComplaintEscalated')!;
      expect(escalated.payload).toMatchObject({ to: 'stage_2', mediationId: null, escalatedOn: '2026-05-13', acknowledgeBy: '2026-05-21' });

      // The stage-2 reviewer acknowledges: 20 working days from Thu 21 May (Whit Monday 25 May skipped) = Fri 19 Jun.
      const reviewed = (await service.http.post(`/complaints/${received.id}/acknowledge`).set(reviewer).send({ acknowledgedOn: '2026-05-21' }).expect(200)).body;
      expect(reviewed.stages[1].answer).toMatchObject({ dueOn: '2026-06-19' });
      const late = (await service.http.post(`/complaints/${received.id}/answer`).set(reviewer).send({ answer: 'Review: the stage-1 answer stands.', upheld: false, answeredOn: '2026-06-22' }).expect(200)).body;
      expect(late.stages[1].answer).toMatchObject({ state: 'missed' });
      await eventually(async () => {
        const all = (await readEvents(Topics.mediation, received.id)).filter((e) => e.type === 'ComplaintAnswered');
        expect(all.map((e) => e.payload)).toEqual([
          expect.objectContaining({ stage: 1, late: false }),
          expect.objectContaining({ stage: 2, answerBy: '2026-06-19', answeredOn: '2026-06-22', late: true, upheld: false }),
        ]);
      });
    });

    it('refuses steps out of order with 409', async () => {
      const tenancy = await aTenancy();
      const complaint = await file(aComplaint(tenancy));
      const answer = await service.http.post(`/complaints/${complaint.id}/answer`).set(handler).send({ answer: 'Too early', upheld: false }).expect(409);
      expect(answer.body).toMatchObject({ code: 'COMPLAINT.INVALID_TRANSITION' });
      await service.http.post(`/complaints/${complaint.id}/stage-two`).set(handler).send({ handlerId: 'someone-else' }).expect(409);
      await service.http.post(`/complaints/${complaint.id}/acknowledge`).set(handler).send({}).expect(200);
      await service.http.post(`/complaints/${complaint.id}/acknowledge`).set(handler).send({}).expect(409);
      const withdrawn = (await service.http.post(`/complaints/${complaint.id}/withdraw`).set(handler).send({}).expect(200)).body;
      expect(withdrawn).toMatchObject({ status: 'withdrawn', pendingDeadline: null });
      await service.http.post(`/complaints/${complaint.id}/answer`).set(handler).send({ answer: 'Too late', upheld: false }).expect(409);
      await service.http.post(`/complaints/${complaint.id}/withdraw`).set(handler).send({}).expect(409);
    });

    it('queues a fresh complaint’s deadline after the commit, and the sweep queues it again when Redis lost it', async () => {
      const tenancy = await aTenancy();
      const complaint = await file(aComplaint(tenancy));
      expect(complaint.pendingDeadline).toMatchObject({ kind: 'acknowledgement', stage: 1, state: 'on_track' });
      const queue = service.app.get<Queue>(getQueueToken(MediationQueue.Deadlines));
      const jobId = `deadline-complaint_acknowledge-${complaint.id}-1-${complaint.pendingDeadline.dueOn}`;
      await eventually(async () => expect(await queue.getJobState(jobId)).toBe('delayed'));

      await queue.remove(jobId);
      expect(await queue.getJobState(jobId)).toBe('unknown');
      await service.app.get(JobSweeper).sweepNow();
      expect(await queue.getJobState(jobId)).toBe('delayed');
    });

    it('flags at once, without a job, a deadline whose day passed while Redis held no job; a second sweep finds nothing to do', async () => {
      const tenancy = await aTenancy();
      const complaint = await file(aComplaint(tenancy, { receivedAt: '2026-04-03T09:30:00+02:00' }));
      const flagged = async () => (await queryDatabase<{ flag: boolean }>(service.database, 'SELECT acknowledge_overdue AS flag FROM complaint_stages WHERE complaint_id = $1', [complaint.id]))[0].flag;
      // Its job ran first (queued after the commit, due day long past) and left Redis.
      await eventually(async () => expect(await flagged()).toBe(true), 30_000);
      const queue = service.app.get<Queue>(getQueueToken(MediationQueue.Deadlines));
      const jobId = `deadline-complaint_acknowledge-${complaint.id}-1-2026-04-13`;
      await eventually(async () => expect(await queue.getJobState(jobId)).toBe('unknown'));

      // As if Redis had lost the job before it ran.
      await queryDatabase(service.database, 'UPDATE complaint_stages SET acknowledge_overdue = false WHERE complaint_id = $1', [complaint.id]);
      const scheduler = service.app.get(DeadlineScheduler);
      const first = await scheduler.sweepDeadlines();
      expect(first.flaggedOverdue).toBeGreaterThanOrEqual(1);
      expect(await flagged()).toBe(true);
      expect(await queue.getJobState(jobId)).toBe('unknown');

      const second = await scheduler.sweepDeadlines();
      expect(second).toEqual({ flaggedOverdue: 0, pending: first.pending, queued: 0 });
    });
  });

  describe('case reviews', () => {
    it('opens a case review on the third complaint about a tenancy within six months', async () => {
      const tenancy = await aTenancy();
      await file(aComplaint(tenancy, { receivedAt: '2026-01-10T10:00:00Z' }));
      await file(aComplaint(tenancy, { receivedAt: '2026-03-15T10:00:00Z', category: 'hygiene' }));
      expect(await queryDatabase(service.database, 'SELECT id FROM case_reviews WHERE tenancy_id = $1', [tenancy.tenancyId])).toHaveLength(0);
      await file(aComplaint(tenancy, { receivedAt: '2026-07-05T10:00:00Z', category: 'damage' }));

      const [review] = await queryDatabase<{ id: string; complaints: number; opened_on: string }>(
        service.database,
        `SELECT id, complaints, opened_on::text FROM case_reviews WHERE tenancy_id = $1 AND status = 'open'`,
        [tenancy.tenancyId],
      );
      expect(review).toMatchObject({ complaints: 3, opened_on: '2026-07-05' });
      const [opened] = await waitForEvents(Topics.mediation, review.id, ['CaseReviewOpened']);
      expect(opened.payload).toEqual({ reviewId: review.id, tenancyId: tenancy.tenancyId, unitId: tenancy.unitId, complaints: 3, windowMonths: 6, openedOn: '2026-07-05' });
      // A fourth complaint does not open a second review while one is open.
      await file(aComplaint(tenancy, { receivedAt: '2026-07-06T10:00:00Z' }));
      expect(await queryDatabase(service.database, 'SELECT id FROM case_reviews WHERE tenancy_id = $1', [tenancy.tenancyId])).toHaveLength(1);
    });

    it('does not count a complaint older than six months (5 Jan 2026 is outside the window ending 5 Jul 2026)', async () => {
      const tenancy = await aTenancy();
      await file(aComplaint(tenancy, { receivedAt: '2026-01-05T10:00:00Z' }));
      await file(aComplaint(tenancy, { receivedAt: '2026-03-15T10:00:00Z' }));
      await file(aComplaint(tenancy, { receivedAt: '2026-07-05T10:00:00Z' }));
      expect(await queryDatabase(service.database, 'SELECT id FROM case_reviews WHERE tenancy_id = $1', [tenancy.tenancyId])).toHaveLength(0);
    });
  });

  describe('bad input', () => {
    it('answers 400 problem+json naming the fields, writing and publishing nothing', async () => {
      const tenancy = await aTenancy();
      const before = await databaseSnapshot(service.database);
      const response = await service.http
        .post('/complaints')
        .set(handler)
        .send({ ...aComplaint(tenancy), category: 'smell', intensity: 7, description: '', complainant: { kind: 'alien' }, unexpected: true })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['category', 'intensity', 'description', 'complainant.kind']));

      await service.http.post('/complaints').set(handler).send(aComplaint(tenancy, { receivedAt: '2999-01-01T00:00:00Z' })).expect(400);
      await service.http.post('/complaints').set(handler).send(aComplaint(tenancy, { description: 'bad\u0000byte' })).expect(400);
      const complaint = await file(aComplaint(tenancy));
      const after = await databaseSnapshot(service.database);
      await service.http.post(`/complaints/${complaint.id}/extend`).set(handler).send({ workingDays: 0, reason: '' }).expect(400);
      await service.http.post(`/complaints/${complaint.id}/acknowledge`).set(handler).send({ acknowledgedOn: '2026-02-30' }).expect(400);
      await service.http.post(`/complaints/not-a-uuid/acknowledge`).set(handler).send({}).expect(400);
      expect(await databaseSnapshot(service.database)).toEqual(after);
      expect(Number(after.complaints)).toBe(Number(before.complaints) + 1);
    });

    it('refuses a tenancy the leases service never announced or of another flat, and a neighbour never registered (409)', async () => {
      const tenancy = await aTenancy();
      const unknown = await service.http.post('/complaints').set(handler).send(aComplaint(tenancy, { tenancyId: randomUUID() })).expect(409);
      expect(unknown.body.code).toBe('COMPLAINT.TENANCY_UNKNOWN');
      const other = await aTenancy();
      const mismatch = await service.http.post('/complaints').set(handler).send(aComplaint(tenancy, { tenancyId: other.tenancyId })).expect(409);
      expect(mismatch.body.code).toBe('COMPLAINT.TENANCY_NOT_OF_UNIT');
      const stranger = await service.http.post('/complaints').set(handler).send(aComplaint(tenancy, { complainant: { kind: 'neighbour', ref: randomUUID() } })).expect(409);
      expect(stranger.body.code).toBe('COMPLAINT.NEIGHBOUR_UNKNOWN');
    });
  });

  describe('access', () => {
    it('shows a caseworker the complaints of their caseload only, and a mediator only those assigned to them', async () => {
      const caseworkerId = `caseworker-${randomUUID().slice(0, 8)}`;
      const caseworker = bearer('caseworker', { sub: caseworkerId });
      const mine = await aTenancy(caseworkerId);
      const theirs = await aTenancy(`caseworker-${randomUUID().slice(0, 8)}`);
      const onMine = await file(aComplaint(mine));
      const onTheirs = await file(aComplaint(theirs));

      const seen = (await service.http.get(`/complaints/${onMine.id}`).set(caseworker).expect(200)).body;
      expect(seen.description).toContain('Loud music');
      await service.http.get(`/complaints/${onTheirs.id}`).set(caseworker).expect(404);
      await service.http.post(`/complaints/${onTheirs.id}/acknowledge`).set(caseworker).send({}).expect(404);
      const list = (await service.http.get('/complaints?limit=100').set(caseworker).expect(200)).body;
      expect(list.items.map((item: { id: string }) => item.id)).toEqual([onMine.id]);

      const mediator = bearer('mediator');
      await service.http.get(`/complaints/${onMine.id}`).set(mediator).expect(404);
      expect((await service.http.get('/complaints').set(mediator).expect(200)).body.items).toEqual([]);
    });

    it('lets a landlord file as the complainant and see that a case exists on their flat, without its details', async () => {
      const tenancy = await aTenancy();
      const landlordUser = `landlord-user-${randomUUID().slice(0, 8)}`;
      const landlord = bearer('landlord', { sub: landlordUser, landlordId: tenancy.landlordId });
      const filed = await file(aComplaint(tenancy, { complainant: { kind: 'household', ref: tenancy.householdId }, category: 'damage' }), landlord);
      expect(filed).toMatchObject({ visibility: 'filed_by_landlord', complainant: { kind: 'landlord', ref: tenancy.landlordId }, respondent: { kind: 'household', ref: null } });

      const byNeighbour = await file(aComplaint(tenancy));
      const summary = (await service.http.get(`/complaints/${byNeighbour.id}`).set(landlord).expect(200)).body;
      expect(summary).toEqual({
        id: byNeighbour.id,
        version: byNeighbour.version,
        unitId: tenancy.unitId,
        tenancyId: tenancy.tenancyId,
        category: 'noise',
        stage: 1,
        status: 'awaiting_acknowledgement',
        receivedOn: byNeighbour.receivedOn,
        mediationId: null,
        visibility: 'landlord_summary',
      });
      await service.http.get(`/complaints/${byNeighbour.id}`).set(bearer('landlord')).expect(404);
      const elsewhere = await service.http.post('/complaints').set(bearer('landlord')).send(aComplaint(tenancy)).expect(404);
      expect(elsewhere.body.code).toBe('COMPLAINT.UNIT_NOT_FOUND');
      await service.http.post(`/complaints/${byNeighbour.id}/acknowledge`).set(landlord).send({}).expect(403);
    });

    it('denies board members and anonymous callers', async () => {
      await service.http.get('/complaints').set(bearer('board_member')).expect(403);
      await service.http.get('/complaints').expect(401);
      await service.http.post('/complaints').set(bearer('inspector')).send({}).expect(403);
    });
  });

  describe('the case list', () => {
    it('lists newest first with the deadline each waits on, filtered by tenancy, overdue, handler and status, a page at a time', async () => {
      const ownerId = `staff-${randomUUID().slice(0, 8)}`;
      const owner = bearer('sra_staff', { sub: ownerId });
      const tenancy = await aTenancy();
      const filed = (receivedAt?: string) => file(aComplaint(tenancy, receivedAt ? { receivedAt } : {}), owner);
      const post = (id: string, action: string, body: Record<string, unknown>) => service.http.post(`/complaints/${id}/${action}`).set(owner).send(body).expect(200);

      // Fri 3 Apr (Easter Monday skipped): acknowledgement due Mon 13 Apr, never given.
      const april = await filed('2026-04-03T09:30:00+02:00');
      // Answered: waits on nothing.
      const answered = await filed('2026-05-04T10:00:00+02:00');
      await post(answered.id, 'acknowledge', { acknowledgedOn: '2026-05-05' });
      await post(answered.id, 'answer', { answer: 'Settled.', upheld: false, answeredOn: '2026-05-06' });
      // Withdrawn: waits on nothing.
      const withdrawn = await filed('2026-05-11T10:00:00+02:00');
      await post(withdrawn.id, 'withdraw', {});
      // Acknowledged Tue 2 Jun: answer due 10 working days later, Tue 16 Jun; extended by 2, Thu 18 Jun.
      const june = await filed('2026-06-01T10:00:00+02:00');
      await post(june.id, 'acknowledge', { acknowledgedOn: '2026-06-02' });
      await post(june.id, 'extend', { workingDays: 2, reason: 'Waiting for the landlord' });
      // Received now: five working days to acknowledge, all of them left.
      const fresh = await filed();

      const list = async (query: string) => (await service.http.get(`/complaints?${query}`).set(owner).expect(200)).body;
      const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);
      const all = await list(`tenancyId=${tenancy.tenancyId}&limit=2`);
      expect(all).toMatchObject({ total: 5, limit: 2, offset: 0 });
      expect(ids(all)).toEqual([fresh.id, june.id]);
      expect(ids(await list(`tenancyId=${tenancy.tenancyId}&limit=2&offset=2`))).toEqual([withdrawn.id, answered.id]);
      expect(ids(await list(`tenancyId=${tenancy.tenancyId}&limit=2&offset=4`))).toEqual([april.id]);
      expect(all.items[0].pendingDeadline).toEqual({ kind: 'acknowledgement', stage: 1, dueOn: fresh.pendingDeadline.dueOn, state: 'on_track' });

      const overdue = await list(`tenancyId=${tenancy.tenancyId}&overdue=true`);
      expect(overdue.total).toBe(2);
      expect(overdue.items.map((item: { id: string; pendingDeadline: unknown }) => [item.id, item.pendingDeadline])).toEqual([
        [june.id, { kind: 'answer', stage: 1, dueOn: '2026-06-18', state: 'overdue' }],
        [april.id, { kind: 'acknowledgement', stage: 1, dueOn: '2026-04-13', state: 'overdue' }],
      ]);
      const notOverdue = await list(`tenancyId=${tenancy.tenancyId}&overdue=false`);
      expect(notOverdue.total).toBe(3);
      expect(ids(notOverdue)).toEqual([fresh.id, withdrawn.id, answered.id]);
      expect(notOverdue.items.slice(1).map((item: { pendingDeadline: unknown }) => item.pendingDeadline)).toEqual([null, null]);

      const awaitingAnswer = await list(`handlerId=${ownerId}&status=awaiting_answer`);
      expect(awaitingAnswer.total).toBe(1);
      expect(ids(awaitingAnswer)).toEqual([june.id]);
    });

    it('keeps on every complaint the due day its current stage waits on (the column lists filter by)', async () => {
      // Every complaint the tests above took through filing, acknowledgement, extension, answer, stage 2 and withdrawal.
      const complaints = await queryDatabase<{ status: string; due_on: string | null; acknowledge_by: string; answer_by: string | null }>(
        service.database,
        `SELECT c.status, c.due_on::text, s.acknowledge_by::text, s.answer_by::text FROM complaints c JOIN complaint_stages s ON s.complaint_id = c.id AND s.stage = c.stage`,
      );
      expect(new Set(complaints.map((complaint) => complaint.status))).toEqual(new Set(['awaiting_acknowledgement', 'awaiting_answer', 'answered', 'withdrawn']));
      for (const complaint of complaints) {
        const expected = complaint.status === 'awaiting_acknowledgement' ? complaint.acknowledge_by : complaint.status === 'awaiting_answer' ? complaint.answer_by : null;
        expect(complaint.due_on).toBe(expected);
      }
    });
  });

  describe('the digest', () => {
    it('lists a handler’s overdue complaints in their language, from the repeating digest job', async () => {
      const ownerId = `staff-${randomUUID().slice(0, 8)}`;
      const owner = bearer('sra_staff', { sub: ownerId });
      const tenancy = await aTenancy();
      const overdue = await file(aComplaint(tenancy, { receivedAt: '2026-04-03T09:30:00+02:00', category: 'safety' }), owner);

      const digest = await eventually(async () => {
        const { body } = await service.http.get('/digest?lang=fr').set(owner).expect(200);
        expect(body.items).toHaveLength(1);
        return body;
      }, 30_000);
      expect(digest.items[0]).toMatchObject({
        kind: 'complaint_acknowledgement_overdue',
        caseId: overdue.id,
        text: 'Plainte reçue le 2026-04-03 (sécurité) : l\'accusé de réception était dû le 2026-04-13',
      });
      const nl = (await service.http.get('/digest?lang=nl').set(owner).expect(200)).body;
      expect(nl.items[0].text).toBe('Klacht ontvangen op 2026-04-03 (veiligheid): de ontvangstbevestiging was verschuldigd op 2026-04-13');
    });

    it('refreshes, with the digest, the risk of a tenancy whose post-arrival meeting day has passed (a missed support contact)', async () => {
      // Started on 5 Jan 2026: the meeting was due 35 days later, 9 Feb 2026, and never held.
      const tenancy = await aTenancy();
      const [preparation] = await queryDatabase<{ meeting_due_on: string }>(service.database, 'SELECT meeting_due_on::text FROM preparations WHERE tenancy_id = $1', [tenancy.tenancyId]);
      expect(preparation.meeting_due_on).toBe('2026-02-09');
      await eventually(async () => {
        const [risk] = await queryDatabase<{ score: number; factors: unknown }>(service.database, 'SELECT score, factors FROM tenancy_risks WHERE id = $1', [tenancy.tenancyId]);
        expect(risk).toEqual({ score: 10, factors: [{ factor: 'missed_support_contacts', contribution: 10, detail: '1 missed support contact(s)' }] });
      }, 30_000);

    });
  });
});
