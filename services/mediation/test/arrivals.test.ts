import { Topics } from '@hearth/contracts';
import { aHouseholdReference, bearer, clearRedisPrefix, eventually, OfferEventStream, queryDatabase, readEvents, TestApp, TestProducer, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { applied, caseworkerAssigned, caseworkerReassigned, databaseSnapshot, publish, publishLease, startMediation, TenancyEventStream } from './support';

// Dates counted by hand on the Belgian calendar of 2026: an offer accepted on Fri 3 Apr (Good
// Friday, a working day in Belgium) gives tasks due 5 working days later, Mon 13 Apr (Easter
// Monday 6 Apr skipped); a tenancy starting Mon 4 May gets its meeting 35 days later, Mon 8 Jun.

describe('neighbour preparation and follow-up', () => {
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

  async function acceptedOffer(caseworkerId: string) {
    const household = { householdId: randomUUID(), reference: aHouseholdReference() };
    const assigned = caseworkerAssigned(household, caseworkerId);
    await publish(producer, Topics.applicants, assigned);
    await applied(service, assigned.id);
    const offer = new OfferEventStream({ unitId: randomUUID(), ...household });
    const accepted = offer.accepted();
    const event = { ...accepted, payload: { ...(accepted.payload as Record<string, unknown>), acceptedAt: '2026-04-03T10:00:00+02:00' } };
    await publish(producer, Topics.matching, event);
    return { household, offer, event };
  }

  async function preparationOf(offerId: string, as = staff) {
    return eventually(async () => {
      const { body } = await service.http.get(`/preparations?offerId=${offerId}`).set(as).expect(200);
      expect(body.items).toHaveLength(1);
      return (await service.http.get(`/preparations/${body.items[0].id}`).set(as).expect(200)).body;
    }, 30_000);
  }

  it('opens a preparation on an accepted offer, once, with four tasks owned by the caseworker and nothing shared', async () => {
    const caseworkerId = `caseworker-${randomUUID().slice(0, 8)}`;
    const { household, offer, event } = await acceptedOffer(caseworkerId);
    await publish(producer, Topics.matching, event);
    await publish(producer, Topics.matching, { ...event, id: randomUUID() });

    const preparation = await preparationOf(offer.offerId, bearer('caseworker', { sub: caseworkerId }));
    expect(preparation).toMatchObject({ status: 'open', ownerId: caseworkerId, householdId: household.householdId, consent: { sharedItems: [], recordedOn: null } });
    expect(preparation.tasks.map((task: { kind: string }) => task.kind).sort()).toEqual(['contact_building_manager', 'contact_neighbours', 'contact_residents_association', 'information_meeting']);
    for (const task of preparation.tasks) expect(task).toMatchObject({ ownerId: caseworkerId, dueOn: '2026-04-13', doneOn: null, state: 'overdue' });
    const [opened] = await waitForEvents(Topics.mediation, preparation.id, ['NeighbourPreparationOpened']);
    expect(opened.payload).toEqual({ preparationId: preparation.id, offerId: offer.offerId, unitId: offer.offer.unitId, householdId: household.householdId, reference: household.reference, tasks: 4, openedOn: '2026-04-03' });
    expect(await queryDatabase(service.database, 'SELECT id FROM preparations WHERE offer_id = $1', [offer.offerId])).toHaveLength(1);

    await service.http.get(`/preparations/${preparation.id}`).set(bearer('caseworker')).expect(404);
    await service.http.get(`/preparations/${preparation.id}`).set(bearer('landlord')).expect(403);
  });

  it('gives the caseworker the unowned tasks when applicants names them after the offer was accepted', async () => {
    const household = { householdId: randomUUID(), reference: aHouseholdReference() };
    const offer = new OfferEventStream({ unitId: randomUUID(), ...household });
    await publish(producer, Topics.matching, offer.accepted());
    const unowned = await preparationOf(offer.offerId);
    expect(unowned.ownerId).toBeNull();
    expect(unowned.tasks.map((task: { ownerId: string | null }) => task.ownerId)).toEqual([null, null, null, null]);

    const caseworkerId = `caseworker-${randomUUID().slice(0, 8)}`;
    const assigned = caseworkerAssigned(household, caseworkerId);
    await publish(producer, Topics.applicants, assigned);
    await applied(service, assigned.id);
    const owned = (await service.http.get(`/preparations/${unowned.id}`).set(bearer('caseworker', { sub: caseworkerId })).expect(200)).body;
    expect(owned.ownerId).toBe(caseworkerId);
    expect(owned.tasks.map((task: { ownerId: string | null }) => task.ownerId)).toEqual([caseworkerId, caseworkerId, caseworkerId, caseworkerId]);
  });

  it('records consent, task results and the post-arrival meeting with a buddy once the tenancy starts', async () => {
    const caseworkerId = `caseworker-${randomUUID().slice(0, 8)}`;
    const caseworker = bearer('caseworker', { sub: caseworkerId });
    const { household, offer } = await acceptedOffer(caseworkerId);
    const preparation = await preparationOf(offer.offerId, caseworker);

    const consent = (await service.http.put(`/preparations/${preparation.id}/consent`).set(caseworker).send({ sharedItems: ['arrival_date', 'support_by_agency'], note: 'Agreed at the office.' }).expect(200)).body;
    expect(consent.consent).toMatchObject({ sharedItems: ['arrival_date', 'support_by_agency'], note: 'Agreed at the office.' });

    const neighbour = (await service.http.post('/neighbours').set(staff).send({ unitId: offer.offer.unitId, fullName: 'Jeanne Martin', phone: '+32 470 00 00 01' }).expect(201)).body;
    const task = preparation.tasks.find((candidate: { kind: string }) => candidate.kind === 'contact_neighbours');
    const done = (await service.http.post(`/preparations/${preparation.id}/tasks/${task.id}/result`).set(caseworker).send({ result: 'Met Mrs Martin, welcoming.', doneOn: '2026-04-10', neighbourId: neighbour.id }).expect(200)).body;
    expect(done.tasks.find((candidate: { id: string }) => candidate.id === task.id)).toMatchObject({ doneOn: '2026-04-10', state: 'met', result: 'Met Mrs Martin, welcoming.', neighbourId: neighbour.id });
    await service.http.post(`/preparations/${preparation.id}/tasks/${task.id}/result`).set(caseworker).send({ result: 'again' }).expect(409);
    await service.http.post(`/preparations/${preparation.id}/post-arrival-meeting`).set(caseworker).send({ attendees: 3 }).expect(409);
    await service.http.post(`/preparations/${preparation.id}/buddy-contacts`).set(caseworker).send({}).expect(409);

    const tenancy = new TenancyEventStream({ unitId: offer.offer.unitId, ...household });
    await publishLease(producer, tenancy.started('2026-05-04'));
    const [scheduled] = await waitForEvents(Topics.mediation, preparation.id, ['PostArrivalMeetingScheduled'], 30_000).then((events) => events.filter((e) => e.type === 'PostArrivalMeetingScheduled'));
    expect(scheduled.payload).toEqual({ preparationId: preparation.id, tenancyId: tenancy.tenancyId, unitId: offer.offer.unitId, householdId: household.householdId, reference: household.reference, tenancyStartedOn: '2026-05-04', scheduledOn: '2026-06-08' });

    const met = (await service.http
      .post(`/preparations/${preparation.id}/post-arrival-meeting`)
      .set(caseworker)
      .send({ heldOn: '2026-06-08', attendees: 4, notes: 'Good start.', buddy: { name: 'Paul Verhoeven', phone: '+32 470 00 00 02' } })
      .expect(200)).body;
    expect(met.postArrivalMeeting).toMatchObject({ dueOn: '2026-06-08', heldOn: '2026-06-08', state: 'met', attendees: 4, notes: 'Good start.' });
    expect(met.buddy).toMatchObject({ name: 'Paul Verhoeven', phone: '+32 470 00 00 02', assignedOn: '2026-06-08' });
    const logged = (await service.http.post(`/preparations/${preparation.id}/buddy-contacts`).set(caseworker).send({ contactedOn: '2026-06-15', note: 'Coffee with the neighbours.' }).expect(201)).body;
    expect(logged.buddyContacts).toEqual([expect.objectContaining({ contactedOn: '2026-06-15', note: 'Coffee with the neighbours.' })]);
    // The buddy was to keep in touch weekly for 12 weeks from 8 Jun 2026; only the week of 15 Jun has a
    // contact (week 1 of weeks 0–11), so 11 weeks are missed support contacts: 11 × 10 points.
    const [risk] = await queryDatabase<{ score: number; at_risk: boolean; factors: unknown }>(service.database, 'SELECT score, at_risk, factors FROM tenancy_risks WHERE id = $1', [tenancy.tenancyId]);
    expect(risk).toEqual({ score: 110, at_risk: true, factors: [{ factor: 'missed_support_contacts', contribution: 110, detail: '11 missed support contact(s)' }] });

    const events = await eventually(async () => {
      const all = (await readEvents(Topics.mediation, preparation.id)).map((e) => e.type);
      expect(all).toEqual(['NeighbourPreparationOpened', 'NeighbourContactLogged', 'PostArrivalMeetingScheduled', 'PostArrivalMeetingHeld', 'NeighbourContactLogged']);
      return readEvents(Topics.mediation, preparation.id);
    }, 30_000);
    expect(events[1].payload).toMatchObject({ kind: 'preparation_task', taskKind: 'contact_neighbours', contactedOn: '2026-04-10' });
    expect(events[3].payload).toMatchObject({ tenancyId: tenancy.tenancyId, heldOn: '2026-06-08', attendees: 4 });
    expect(events[4].payload).toMatchObject({ kind: 'buddy_contact', taskKind: null, contactedOn: '2026-06-15' });
  });

  it('refuses bad input with 400 naming the fields and writes nothing', async () => {
    const caseworkerId = `caseworker-${randomUUID().slice(0, 8)}`;
    const { offer } = await acceptedOffer(caseworkerId);
    const preparation = await preparationOf(offer.offerId);
    const before = await databaseSnapshot(service.database);
    const consent = await service.http.put(`/preparations/${preparation.id}/consent`).set(staff).send({ sharedItems: ['full_medical_file'] }).expect(400);
    expect(consent.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(consent.body.errors.map((error: { field: string }) => error.field)).toEqual(['sharedItems.0']);
    await service.http.post(`/preparations/${preparation.id}/tasks/${preparation.tasks[0].id}/result`).set(staff).send({ result: '', doneOn: '2999-01-01' }).expect(400);
    await service.http.post('/neighbours').set(staff).send({ fullName: 'x'.repeat(201), email: 'not-an-email' }).expect(400);
    await service.http.post('/neighbours').set(bearer('caseworker')).send({ fullName: 'Someone' }).expect(403);
    expect(await databaseSnapshot(service.database)).toEqual(before);
  });

  it('puts a tenancy with established arrears and an open complaint on its caseworker’s alert list, and clears it when paid', async () => {
    const caseworkerId = `caseworker-${randomUUID().slice(0, 8)}`;
    const caseworker = bearer('caseworker', { sub: caseworkerId });
    const tenancy = new TenancyEventStream();
    const assigned = caseworkerAssigned(tenancy, caseworkerId);
    await publish(producer, Topics.applicants, assigned);
    await applied(service, assigned.id);
    // Started today: its post-arrival meeting is still ahead, so no support contact is missed yet.
    const started = tenancy.started(new Date().toISOString().slice(0, 10));
    await publishLease(producer, started);
    await applied(service, started.id);

    // A severe complaint: 30 points, under the threshold of 50.
    const complaint = (await service.http
      .post('/complaints')
      .set(staff)
      .send({ unitId: tenancy.unitId, category: 'safety', intensity: 'severe', channel: 'phone', description: 'Smoke in the stairwell.', complainant: { kind: 'neighbour' }, respondent: { kind: 'household', ref: tenancy.householdId } })
      .expect(201)).body;
    expect((await service.http.get('/alerts').set(caseworker).expect(200)).body).toEqual([]);

    // Established arrears add 40: 70 ≥ 50.
    await publishLease(producer, tenancy.arrearsEstablished());
    const [atRisk] = await waitForEvents(Topics.mediation, tenancy.tenancyId, ['TenancyAtRisk'], 30_000);
    expect(atRisk.payload).toEqual({
      tenancyId: tenancy.tenancyId,
      unitId: tenancy.unitId,
      householdId: tenancy.householdId,
      reference: tenancy.reference,
      score: 70,
      threshold: 50,
      factors: [
        { factor: 'arrears', contribution: 40 },
        { factor: 'open_complaints', contribution: 30 },
      ],
    });
    const alerts = (await service.http.get('/alerts').set(caseworker).expect(200)).body;
    expect(alerts).toEqual([
      expect.objectContaining({
        tenancyId: tenancy.tenancyId,
        caseworkerId,
        score: 70,
        why: [
          { factor: 'arrears', contribution: 40, detail: 'established arrears' },
          { factor: 'open_complaints', contribution: 30, detail: '1 open complaint(s): severe' },
        ],
      }),
    ]);
    expect((await service.http.get('/alerts').set(bearer('caseworker')).expect(200)).body).toEqual([]);

    // Paid: 30 < 50, cleared; answering the complaint then brings it to 0 without another event.
    await publishLease(producer, tenancy.arrearsCleared());
    const cleared = (await waitForEvents(Topics.mediation, tenancy.tenancyId, ['TenancyRiskCleared'], 30_000)).find((e) => e.type === 'TenancyRiskCleared')!;
    expect(cleared.payload).toEqual({ tenancyId: tenancy.tenancyId, unitId: tenancy.unitId, householdId: tenancy.householdId, reference: tenancy.reference, score: 30, threshold: 50 });
    expect((await service.http.get('/alerts').set(caseworker).expect(200)).body).toEqual([]);
    await service.http.post(`/complaints/${complaint.id}/acknowledge`).set(staff).send({}).expect(200);
    await service.http.post(`/complaints/${complaint.id}/answer`).set(staff).send({ answer: 'Handled with the fire brigade.', upheld: true }).expect(200);
    const [risk] = await queryDatabase<{ score: number; at_risk: boolean }>(service.database, 'SELECT score, at_risk FROM tenancy_risks WHERE id = $1', [tenancy.tenancyId]);
    expect(risk).toEqual({ score: 0, at_risk: false });
    expect((await readEvents(Topics.mediation, tenancy.tenancyId)).map((e) => e.type)).toEqual(['TenancyAtRisk', 'TenancyRiskCleared']);
  });

  it('moves a housed household’s alert to its new caseworker (CaseworkerAssigned), once, and ignores an older assignment heard late', async () => {
    const firstId = `caseworker-${randomUUID().slice(0, 8)}`;
    const nextId = `caseworker-${randomUUID().slice(0, 8)}`;
    const [first, next] = [bearer('caseworker', { sub: firstId }), bearer('caseworker', { sub: nextId })];
    const tenancy = new TenancyEventStream();
    const assigned = caseworkerAssigned(tenancy, firstId, 5);
    await publish(producer, Topics.applicants, assigned);
    await applied(service, assigned.id);
    const started = tenancy.started(new Date().toISOString().slice(0, 10));
    await publishLease(producer, started);
    await applied(service, started.id);
    // A severe complaint (30) and established arrears (40): 70 ≥ 50, on the first caseworker's list.
    await service.http
      .post('/complaints')
      .set(staff)
      .send({ unitId: tenancy.unitId, category: 'safety', intensity: 'severe', channel: 'phone', description: 'Smoke in the stairwell.', complainant: { kind: 'neighbour' }, respondent: { kind: 'household', ref: tenancy.householdId } })
      .expect(201);
    await publishLease(producer, tenancy.arrearsEstablished());
    await waitForEvents(Topics.mediation, tenancy.tenancyId, ['TenancyAtRisk'], 30_000);
    expect((await service.http.get('/alerts').set(first).expect(200)).body.map((a: { tenancyId: string }) => a.tenancyId)).toEqual([tenancy.tenancyId]);

    // Housed (applicants' version 7), then given to another caseworker: version 8, delivered twice.
    const reassigned = caseworkerReassigned(tenancy, nextId, 8);
    await publish(producer, Topics.applicants, reassigned);
    await publish(producer, Topics.applicants, reassigned);
    // An older assignment (version 6) naming the first caseworker, heard late: its inbox row is the signal all three were heard.
    const older = caseworkerReassigned(tenancy, firstId, 6);
    await publish(producer, Topics.applicants, older);
    await applied(service, older.id);

    expect(await queryDatabase(service.database, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [reassigned.id])).toEqual([{ n: 1 }]);
    expect(await queryDatabase(service.database, 'SELECT caseworker_id, household_version FROM known_households WHERE household_id = $1', [tenancy.householdId])).toEqual([
      { caseworker_id: nextId, household_version: 8 },
    ]);
    expect((await service.http.get('/alerts').set(next).expect(200)).body).toEqual([expect.objectContaining({ tenancyId: tenancy.tenancyId, caseworkerId: nextId, score: 70 })]);
    expect((await service.http.get('/alerts').set(first).expect(200)).body).toEqual([]);
    // Staff see it with the caseworker it now belongs to.
    const all = (await service.http.get('/alerts').set(staff).expect(200)).body as { tenancyId: string; caseworkerId: string }[];
    expect(all.find((a) => a.tenancyId === tenancy.tenancyId)?.caseworkerId).toBe(nextId);
  });

  it('applies every arrears event of one change in leases, though they share the tenancy’s version (a month charged: ageing, then the stages reached)', async () => {
    const tenancy = new TenancyEventStream();
    const started = tenancy.started(new Date().toISOString().slice(0, 10));
    await publishLease(producer, started);
    await applied(service, started.id);
    // A high complaint: 20 points.
    await service.http
      .post('/complaints')
      .set(staff)
      .send({ unitId: tenancy.unitId, category: 'damage', intensity: 'high', channel: 'email', description: 'Broken door.', complainant: { kind: 'landlord' }, respondent: { kind: 'household', ref: tenancy.householdId } })
      .expect(201);

    // As leases publishes them, in order on the tenancy's key, all with version 2: the established
    // stage comes after an ageing change and the reminder of the same version, and still counts (40).
    const batch = tenancy.monthChargedIntoEstablishedArrears();
    expect(new Set(batch.map((event) => event.aggregateVersion))).toEqual(new Set([2]));
    for (const event of batch) await publishLease(producer, event);
    const [atRisk] = await waitForEvents(Topics.mediation, tenancy.tenancyId, ['TenancyAtRisk'], 30_000);
    expect(atRisk.payload).toMatchObject({ score: 60, threshold: 50, factors: [{ factor: 'arrears', contribution: 40 }, { factor: 'open_complaints', contribution: 20 }] });
    const [arrears] = await queryDatabase<{ established: boolean; tenancy_version: number }>(service.database, 'SELECT established, tenancy_version FROM tenancy_arrears WHERE tenancy_id = $1', [tenancy.tenancyId]);
    expect(arrears).toEqual({ established: true, tenancy_version: 2 });
  });
});
