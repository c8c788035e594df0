import { Topics } from '@hearth/contracts';
import { anEnvelope, bearer, clearRedisPrefix, eventually, OfferEventStream, queryDatabase, readEvents, TestApp, TestProducer } from '@hearth/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { applied, caseworkerAssigned, publish, publishLease, startMediation, TenancyEventStream } from './support';

const tag = randomBytes(4).toString('hex');
/** Planted in every free text and personal field; none may leave the service's encrypted columns. */
const markers = {
  neighbourName: `Zelda Neighbour-${tag}`,
  neighbourPhone: `+32 499 ${tag.slice(0, 3)} ${tag.slice(3)}`,
  neighbourEmail: `zelda.${tag}@example.org`,
  neighbourNotes: `neighbour-notes-${tag}`,
  description: `complaint-description-${tag}`,
  answer: `complaint-answer-${tag}`,
  extension: `extension-reason-${tag}`,
  consent: `consent-note-${tag}`,
  taskResult: `task-result-${tag}`,
  meetingNotes: `meeting-notes-${tag}`,
  buddyName: `Buddy Bram-${tag}`,
  buddyContact: `buddy-contact-${tag}`,
  sessionNotes: `session-notes-${tag}`,
  committeeReasons: `committee-reasons-${tag}`,
  commitment: `commitment-${tag}`,
  followUp: `follow-up-notes-${tag}`,
};
const needles = Object.values(markers).map((marker) => marker.toLowerCase());
const markersIn = (value: unknown): string[] => {
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).toLowerCase();
  return needles.filter((needle) => text.includes(needle));
};
/** What the household's erasure must remove (everything but the neighbour's own record). */
const householdMarkers = [markers.description, markers.answer, markers.extension, markers.consent, markers.taskResult, markers.meetingNotes, markers.buddyName, markers.buddyContact, markers.sessionNotes, markers.committeeReasons, markers.commitment, markers.followUp].map((m) => m.toLowerCase());

describe('mediation service: neighbours’ and households’ data stays encrypted in this service', () => {
  let service: TestApp;
  let env: NodeJS.ProcessEnv;
  let logs: string[];
  let producer: TestProducer;
  const staff = bearer('sra_staff');
  const caseworkerId = `caseworker-${tag}`;
  const mediatorId = `mediator-${tag}`;
  const mediator = bearer('mediator', { sub: mediatorId });
  let tenancy: TenancyEventStream;
  let neighbourId: string;
  let complaintId: string;
  let preparationId: string;
  let mediationId: string;

  beforeAll(async () => {
    ({ service, env, logs } = await startMediation({ LOG_LEVEL: 'trace' }));
    producer = await TestProducer.connect();
    tenancy = new TenancyEventStream();
    const assigned = caseworkerAssigned(tenancy, caseworkerId);
    await publish(producer, Topics.applicants, assigned);
    await applied(service, assigned.id);
    const accepted = new OfferEventStream({ unitId: tenancy.unitId, householdId: tenancy.householdId, reference: tenancy.reference }).accepted();
    await publish(producer, Topics.matching, accepted);
    const preparation = await eventually(async () => {
      const { body } = await service.http.get(`/preparations?householdId=${tenancy.householdId}`).set(staff).expect(200);
      expect(body.items).toHaveLength(1);
      return (await service.http.get(`/preparations/${body.items[0].id}`).set(staff).expect(200)).body;
    }, 30_000);
    preparationId = preparation.id;
    const started = tenancy.started(new Date().toISOString().slice(0, 10));
    await publishLease(producer, started);
    await applied(service, started.id);

    const neighbour = (await service.http
      .post('/neighbours')
      .set(staff)
      .send({ unitId: tenancy.unitId, fullName: markers.neighbourName, phone: markers.neighbourPhone, email: markers.neighbourEmail, notes: markers.neighbourNotes })
      .expect(201)).body;
    neighbourId = neighbour.id;
    await service.http.put(`/preparations/${preparationId}/consent`).set(staff).send({ sharedItems: [], note: markers.consent }).expect(200);
    await service.http.post(`/preparations/${preparationId}/tasks/${preparation.tasks[0].id}/result`).set(staff).send({ result: markers.taskResult, neighbourId }).expect(200);
    await service.http.post(`/preparations/${preparationId}/post-arrival-meeting`).set(staff).send({ attendees: 3, notes: markers.meetingNotes, buddy: { name: markers.buddyName } }).expect(200);
    await service.http.post(`/preparations/${preparationId}/buddy-contacts`).set(staff).send({ note: markers.buddyContact }).expect(201);

    const complaint = (await service.http
      .post('/complaints')
      .set(staff)
      .send({ unitId: tenancy.unitId, category: 'noise', intensity: 'low', channel: 'phone', description: markers.description, complainant: { kind: 'neighbour', ref: neighbourId }, respondent: { kind: 'household', ref: tenancy.householdId } })
      .expect(201)).body;
    complaintId = complaint.id;
    await service.http.post(`/complaints/${complaintId}/acknowledge`).set(staff).send({}).expect(200);
    await service.http.post(`/complaints/${complaintId}/extend`).set(staff).send({ workingDays: 2, reason: markers.extension }).expect(200);
    await service.http.post(`/complaints/${complaintId}/answer`).set(staff).send({ answer: markers.answer, upheld: true }).expect(200);

    mediationId = (await service.http.post('/mediations').set(staff).send({ complaintIds: [complaintId], mediatorIds: [mediatorId] }).expect(201)).body.id;
    await service.http.put(`/mediations/${mediationId}/committee`).set(staff).send({ members: [{ ref: 'c1', kind: 'staff', role: 'chair' }, { ref: 'c2', kind: 'volunteer', role: 'member' }, { ref: 'c3', kind: 'staff', role: 'secretary' }] }).expect(200);
    await service.http.post(`/mediations/${mediationId}/sessions`).set(mediator).send({ step: 'committee', attendees: 5, result: 'resolved', notes: markers.sessionNotes }).expect(201);
    await service.http.post(`/mediations/${mediationId}/committee/decision`).set(mediator).send({ decision: 'agreement_proposed', reasons: markers.committeeReasons }).expect(200);
    await service.http.post(`/mediations/${mediationId}/agreement`).set(mediator).send({ commitments: [{ party: 'household', commitment: markers.commitment }] }).expect(201);
    await service.http.post(`/mediations/${mediationId}/agreement/follow-up`).set(mediator).send({ result: 'kept', notes: markers.followUp }).expect(200);
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
  });

  it('shows every marker to the agency (the markers are real)', async () => {
    const seen = [
      (await service.http.get(`/neighbours/${neighbourId}`).set(staff).expect(200)).body,
      (await service.http.get(`/complaints/${complaintId}`).set(staff).expect(200)).body,
      (await service.http.get(`/preparations/${preparationId}`).set(staff).expect(200)).body,
      (await service.http.get(`/mediations/${mediationId}`).set(staff).expect(200)).body,
    ];
    expect(markersIn(seen).sort()).toEqual([...needles].sort());
  });

  it('keeps every marker out of the database in clear, the outbox, the events and the logs', async () => {
    const tables = await queryDatabase<{ table_name: string }>(service.database, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    for (const { table_name } of tables) {
      const rows = await queryDatabase<{ row: string }>(service.database, `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      expect({ table_name, found: markersIn(rows.map((r) => r.row).join('\n')) }).toEqual({ table_name, found: [] });
    }
    await eventually(async () => expect((await readEvents(Topics.mediation, mediationId)).map((e) => e.type)).toContain('MediationAgreementReached'), 30_000);
    expect(markersIn(await readEvents(Topics.mediation))).toEqual([]);
    expect(logs.length).toBeGreaterThan(0);
    expect(markersIn(logs.join('\n'))).toEqual([]);
  });

  it('shows a landlord of the flat and an unassigned mediator none of it', async () => {
    const landlord = bearer('landlord', { landlordId: tenancy.landlordId });
    const seen = [
      (await service.http.get(`/complaints/${complaintId}`).set(landlord).expect(200)).body,
      (await service.http.get(`/complaints?limit=100`).set(landlord).expect(200)).body,
      (await service.http.get(`/mediations/${mediationId}`).set(landlord).expect(200)).body,
    ];
    expect(markersIn(seen)).toEqual([]);
    await service.http.get(`/neighbours/${neighbourId}`).set(mediator).expect(403);
  });

  it('removes the household’s texts on ApplicantErased and the neighbour’s data on request', async () => {
    const erased = anEnvelope({
      type: 'ApplicantErased',
      source: 'applicants',
      aggregateType: 'Household',
      aggregateId: tenancy.householdId,
      aggregateVersion: 9,
      payload: { householdId: tenancy.householdId, reference: tenancy.reference, status: 'exited', erasedOn: '2026-11-30' },
    });
    await publish(producer, Topics.applicants, erased);
    await applied(service, erased.id);
    const afterErasure = [
      (await service.http.get(`/complaints/${complaintId}`).set(staff).expect(200)).body,
      (await service.http.get(`/preparations/${preparationId}`).set(staff).expect(200)).body,
      (await service.http.get(`/mediations/${mediationId}`).set(staff).expect(200)).body,
    ];
    expect(markersIn(afterErasure).filter((m) => householdMarkers.includes(m))).toEqual([]);
    expect(afterErasure[2]).toMatchObject({ status: 'agreement', agreement: { commitments: null } });
    expect(await queryDatabase(service.database, 'SELECT 1 FROM known_households WHERE household_id = $1', [tenancy.householdId])).toHaveLength(0);

    const neighbour = (await service.http.delete(`/neighbours/${neighbourId}/personal-data`).set(staff).expect(200)).body;
    expect(neighbour).toMatchObject({ id: neighbourId, erasedOn: expect.any(String) });
    expect(markersIn((await service.http.get(`/neighbours/${neighbourId}`).set(staff).expect(200)).body)).toEqual([]);
    await service.http.get(`/neighbours/${randomUUID()}`).set(staff).expect(404);
  });
});
