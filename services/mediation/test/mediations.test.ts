import { Topics } from '@hearth/contracts';
import { bearer, clearRedisPrefix, eventually, queryDatabase, readEvents, TestApp, TestProducer } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { addMonths } from '../src/calendar/working-days';
import { applied, caseworkerAssigned, databaseSnapshot, publish, publishLease, startMediation, TenancyEventStream } from './support';

/** Board statistics carry no ids at all. */
const markersOf = (value: unknown) => JSON.stringify(value).match(/[0-9a-f]{8}-[0-9a-f]{4}-/g) ?? [];

describe('mediation: the ladder, the committee, agreements and outcomes', () => {
  let service: TestApp;
  let env: NodeJS.ProcessEnv;
  let producer: TestProducer;
  const staff = bearer('sra_staff');

  beforeAll(async () => {
    ({ service, env } = await startMediation());
    producer = await TestProducer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
  });

  async function threeComplaints(caseworkerId: string) {
    const tenancy = new TenancyEventStream();
    const assigned = caseworkerAssigned(tenancy, caseworkerId);
    await publish(producer, Topics.applicants, assigned);
    await applied(service, assigned.id);
    const started = tenancy.started('2026-01-05');
    await publishLease(producer, started);
    await applied(service, started.id);
    const neighbour = (await service.http.post('/neighbours').set(staff).send({ unitId: tenancy.unitId, fullName: 'Luc Janssens' }).expect(201)).body;
    const complaints = [];
    for (const receivedAt of ['2026-08-03T10:00:00Z', '2026-09-07T10:00:00Z', '2026-10-05T10:00:00Z']) {
      const { body } = await service.http
        .post('/complaints')
        .set(staff)
        .send({
          unitId: tenancy.unitId,
          category: 'neighbour_conflict',
          intensity: 'high',
          channel: 'in_person',
          description: 'Shouting on the landing.',
          complainant: { kind: 'neighbour', ref: neighbour.id },
          respondent: { kind: 'household', ref: tenancy.householdId },
          receivedAt,
        })
        .expect(201);
      complaints.push(body);
    }
    return { tenancy, neighbour, complaints };
  }

  it('takes three complaints through a case review, the ladder, the committee, an agreement and its follow-up to an outcome', async () => {
    const caseworkerId = `caseworker-${randomUUID().slice(0, 8)}`;
    const mediatorId = `mediator-${randomUUID().slice(0, 8)}`;
    const mediator = bearer('mediator', { sub: mediatorId });
    const { tenancy, neighbour, complaints } = await threeComplaints(caseworkerId);
    expect(await queryDatabase(service.database, `SELECT id FROM case_reviews WHERE tenancy_id = $1 AND status = 'open'`, [tenancy.tenancyId])).toHaveLength(1);

    const opened = (await service.http.post('/mediations').set(staff).send({ complaintIds: complaints.map((c) => c.id), mediatorIds: [mediatorId] }).expect(201)).body;
    expect(opened).toMatchObject({ status: 'open', currentStep: null, tenancyId: tenancy.tenancyId, householdId: tenancy.householdId, mediatorIds: [mediatorId] });
    expect(opened.complaints).toHaveLength(3);
    await service.http.post('/mediations').set(staff).send({ complaintIds: [complaints[0].id], mediatorIds: [mediatorId] }).expect(409);

    for (const [step, heldOn] of [
      ['house_rules_reminder', '2026-10-06'],
      ['phone_call', '2026-10-08'],
      ['visit_by_two_mediators', '2026-10-13'],
      ['joint_meeting', '2026-10-20'],
    ]) {
      await service.http.post(`/mediations/${opened.id}/sessions`).set(mediator).send({ step, heldOn, attendees: 2, result: 'partly_resolved', notes: `Notes of ${step}` }).expect(201);
    }
    const back = await service.http.post(`/mediations/${opened.id}/sessions`).set(mediator).send({ step: 'phone_call', attendees: 1, result: 'no_show' }).expect(409);
    expect(back.body.code).toBe('MEDIATION.INVALID_TRANSITION');
    const early = await service.http.post(`/mediations/${opened.id}/sessions`).set(mediator).send({ step: 'committee', attendees: 3, result: 'resolved' }).expect(409);
    expect(early.body.code).toBe('MEDIATION.INVALID_TRANSITION');

    // Nobody who is a party or the handling caseworker may sit on the committee.
    const conflict = await service.http
      .put(`/mediations/${opened.id}/committee`)
      .set(staff)
      .send({ members: [{ ref: caseworkerId, kind: 'staff', role: 'chair' }, { ref: neighbour.id, kind: 'neighbour', role: 'member' }, { ref: 'volunteer-7', kind: 'volunteer', role: 'secretary' }] })
      .expect(409);
    expect(conflict.body).toMatchObject({ code: 'MEDIATION.CONFLICT_OF_INTEREST', members: [caseworkerId, neighbour.id] });
    const members = [
      { ref: 'staff-chair-1', kind: 'staff', role: 'chair' },
      { ref: mediatorId, kind: 'mediator', role: 'member' },
      { ref: 'volunteer-7', kind: 'volunteer', role: 'secretary' },
    ];
    await service.http.put(`/mediations/${opened.id}/committee`).set(staff).send({ members: members.slice(0, 2) }).expect(400);
    await service.http.put(`/mediations/${opened.id}/committee`).set(staff).send({ members }).expect(200);
    await service.http.post(`/mediations/${opened.id}/committee/decision`).set(mediator).send({ decision: 'agreement_proposed', reasons: 'x' }).expect(409);
    await service.http.post(`/mediations/${opened.id}/sessions`).set(mediator).send({ step: 'committee', heldOn: '2026-10-27', attendees: 5, result: 'resolved', notes: 'Both parties heard.' }).expect(201);
    const decided = (await service.http.post(`/mediations/${opened.id}/committee/decision`).set(mediator).send({ decision: 'agreement_proposed', decidedOn: '2026-10-27', reasons: 'Both want quiet.' }).expect(200)).body;
    expect(decided.committee).toMatchObject({ decision: 'agreement_proposed', decidedOn: '2026-10-27', reasons: 'Both want quiet.' });

    const agreed = (await service.http
      .post(`/mediations/${opened.id}/agreement`)
      .set(mediator)
      .send({ reachedOn: '2026-10-28', commitments: [{ party: 'household', commitment: 'No noise after 22:00' }, { party: 'neighbour', commitment: 'Knock before complaining' }] })
      .expect(201)).body;
    // Three months after 28 Oct 2026 is 28 Jan 2027.
    expect(agreed.agreement).toMatchObject({ reachedOn: '2026-10-28', followUpOn: '2027-01-28', followedUpOn: null, commitments: [{ party: 'household', commitment: 'No noise after 22:00' }, { party: 'neighbour', commitment: 'Knock before complaining' }] });
    expect(addMonths('2026-10-28', 3)).toBe('2027-01-28');
    const notYet = await service.http.post(`/mediations/${opened.id}/close`).set(mediator).send({ outcome: 'dialogue_restored' }).expect(409);
    expect(notYet.body.code).toBe('MEDIATION.INVALID_TRANSITION');
    await service.http.post(`/mediations/${opened.id}/agreement/follow-up`).set(mediator).send({ result: 'kept', notes: 'Quiet since.' }).expect(200);
    const closed = (await service.http.post(`/mediations/${opened.id}/close`).set(mediator).send({ outcome: 'dialogue_restored' }).expect(200)).body;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'dialogue_restored', exclusion: null });

    const events = await eventually(async () => {
      const all = await readEvents(Topics.mediation, opened.id);
      expect(all.map((e) => e.type)).toEqual([
        'MediationSessionHeld',
        'MediationSessionHeld',
        'MediationSessionHeld',
        'MediationSessionHeld',
        'MediationSessionHeld',
        'CommitteeDecisionRecorded',
        'MediationAgreementReached',
        'MediationClosed',
      ]);
      return all;
    }, 30_000);
    expect(events[5].payload).toEqual({ mediationId: opened.id, unitId: tenancy.unitId, tenancyId: tenancy.tenancyId, decision: 'agreement_proposed', members: 3, decidedOn: '2026-10-27' });
    expect(events[6].payload).toMatchObject({ commitments: 2, followUpOn: '2027-01-28' });
    expect(events[7].payload).toEqual({ mediationId: opened.id, unitId: tenancy.unitId, tenancyId: tenancy.tenancyId, outcome: 'dialogue_restored', exclusion: null, closedOn: closed.closedOn });
    const escalations = (await readEvents(Topics.mediation, complaints[0].id)).filter((e) => e.type === 'ComplaintEscalated');
    expect(escalations.map((e) => e.payload)).toEqual([expect.objectContaining({ to: 'mediation', mediationId: opened.id, acknowledgeBy: null })]);

    // Who sees what: the landlord of the flat that a case exists and its outcome; board members counts only.
    const landlordView = (await service.http.get(`/mediations/${opened.id}`).set(bearer('landlord', { landlordId: tenancy.landlordId })).expect(200)).body;
    expect(Object.keys(landlordView).sort()).toEqual(['closedOn', 'currentStep', 'id', 'openedOn', 'outcome', 'status', 'tenancyId', 'unitId', 'version', 'visibility']);
    expect(landlordView.outcome).toBe('dialogue_restored');
    const caseworkerView = (await service.http.get(`/mediations/${opened.id}`).set(bearer('caseworker', { sub: caseworkerId })).expect(200)).body;
    expect(caseworkerView.sessions[0].notes).toBe('Notes of house_rules_reminder');
    await service.http.get(`/mediations/${opened.id}`).set(bearer('mediator')).expect(404);
    await service.http.get(`/mediations/${opened.id}`).set(bearer('caseworker')).expect(404);
    await service.http.get(`/mediations/${opened.id}`).set(bearer('board_member')).expect(403);
    const statistics = (await service.http.get('/mediations/statistics').set(bearer('board_member')).expect(200)).body;
    expect(statistics.mediations.byOutcome.dialogue_restored).toBe(1);
    expect(statistics.complaints).toMatchObject({ total: 3, byCategory: { neighbour_conflict: 3 } });
    expect(statistics.caseReviews).toEqual({ open: 1, resolved: 0 });
    expect(markersOf(statistics)).toEqual([]);
    await service.http.post(`/mediations/${opened.id}/sessions`).set(bearer('mediator')).send({ step: 'committee', attendees: 3, result: 'resolved' }).expect(404);

    // The case review that the third complaint opened is concluded by the household's caseworker.
    const [review] = (await service.http.get(`/case-reviews?tenancyId=${tenancy.tenancyId}`).set(bearer('caseworker', { sub: caseworkerId })).expect(200)).body;
    expect(review).toMatchObject({ status: 'open', complaints: 3, openedOn: '2026-10-05' });
    expect((await service.http.get(`/case-reviews?tenancyId=${tenancy.tenancyId}`).set(bearer('caseworker')).expect(200)).body).toEqual([]);
    await service.http.post(`/case-reviews/${review.id}/resolve`).set(bearer('caseworker')).send({ resolution: 'x' }).expect(404);
    const resolved = (await service.http.post(`/case-reviews/${review.id}/resolve`).set(bearer('caseworker', { sub: caseworkerId })).send({ resolution: 'Agreement kept.' }).expect(200)).body;
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Agreement kept.' });
    await service.http.post(`/case-reviews/${review.id}/resolve`).set(staff).send({ resolution: 'again' }).expect(409);
  });

  it('closes a case excluded by an ongoing court case, and refuses bad input writing nothing', async () => {
    const { complaints } = await threeComplaints(`caseworker-${randomUUID().slice(0, 8)}`);
    const opened = (await service.http.post('/mediations').set(staff).send({ complaintIds: [complaints[0].id], mediatorIds: ['mediator-x'] }).expect(201)).body;
    const before = await databaseSnapshot(service.database);
    const bad = await service.http.post(`/mediations/${opened.id}/close`).set(staff).send({ outcome: 'won', exclusion: 'bored' }).expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['exclusion', 'outcome']);
    await service.http.post(`/mediations/${opened.id}/sessions`).set(staff).send({ step: 'tea', attendees: -1, result: 'resolved' }).expect(400);
    await service.http.post('/mediations').set(staff).send({ complaintIds: [], mediatorIds: [] }).expect(400);
    expect(await databaseSnapshot(service.database)).toEqual(before);
    const closed = (await service.http.post(`/mediations/${opened.id}/close`).set(staff).send({ outcome: 'withdrawn', exclusion: 'ongoing_court_case' }).expect(200)).body;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'withdrawn', exclusion: 'ongoing_court_case' });
    await service.http.post(`/mediations/${opened.id}/close`).set(staff).send({ outcome: 'failure' }).expect(409);
  });
});
