import { Topics } from '@hearth/contracts';
import { aConsent, aHouseholdRegistration, anAssessment, anEnvelope, bearer, eventually, OfferEventStream, readEvents, someNeeds, TestProducer, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { client, Client, Platform } from './support';

const staff = bearer('sra_staff');
const CASEWORKER_ID = `caseworker-e2e-mediation-${randomUUID().slice(0, 6)}`;
const MEDIATOR_ID = `mediator-e2e-${randomUUID().slice(0, 6)}`;

/**
 * Tenancy sustainment with applicants and mediation as separate processes. Matching's OfferAccepted
 * and the leases service's events (not running here) are published by a test producer, exactly as
 * those services' outboxes would.
 */
describe('from an accepted offer to a mediation closed with an outcome, and a tenancy at risk', () => {
  const platform = new Platform();
  let applicants: Client, mediation: Client, asCaseworker: Client, asMediator: Client;
  let producer: TestProducer;

  beforeAll(async () => {
    await platform.start(['applicants', 'mediation']);
    applicants = client(platform.service('applicants').url, staff);
    mediation = client(platform.service('mediation').url, staff);
    asCaseworker = client(platform.service('mediation').url, bearer('caseworker', { sub: CASEWORKER_ID }));
    asMediator = client(platform.service('mediation').url, bearer('mediator', { sub: MEDIATOR_ID }));
    producer = await TestProducer.connect();
  }, 200_000);

  afterAll(async () => {
    await producer?.disconnect();
    await platform.stop();
  });

  async function waitlistedHousehold(): Promise<{ householdId: string; reference: string }> {
    const { body: household } = await applicants.post('/households', aHouseholdRegistration().build());
    await applicants.post(`/households/${household.id}/consent`, aConsent().build());
    await applicants.put(`/households/${household.id}/needs`, someNeeds().build());
    await applicants.post(`/households/${household.id}/assessments`, anAssessment().build());
    expect((await applicants.put(`/households/${household.id}/caseworker`, { caseworkerId: CASEWORKER_ID })).status).toBe(200);
    expect((await applicants.post(`/households/${household.id}/waitlist`)).status).toBe(200);
    return { householdId: household.id, reference: household.reference };
  }

  let leaseVersion = 0;
  function leaseEvent(tenancy: { tenancyId: string; unitId: string; householdId: string; reference: string }, type: string, payload: Record<string, unknown>) {
    leaseVersion += 1;
    return anEnvelope({ type, source: 'leases', aggregateType: 'Tenancy', aggregateId: tenancy.tenancyId, aggregateVersion: leaseVersion, payload: { ...tenancy, ...payload } });
  }
  const publishLease = (event: { aggregateId: string }) => producer.send(Topics.leases, event.aggregateId, event);

  it('prepares the neighbours, meets after the move, and takes three complaints through a case review and a mediation to an outcome', async () => {
    const household = await waitlistedHousehold();
    const offer = new OfferEventStream({ unitId: randomUUID(), ...household });
    await producer.send(Topics.matching, offer.offerId, offer.accepted());

    // The caseworker (named by applicants' events) owns the preparation's tasks.
    // (Applicants' events and matching's arrive on different topics, in any order.)
    const preparation = await eventually(async () => {
      const { body } = await asCaseworker.get(`/preparations?offerId=${offer.offerId}`);
      expect(body.items).toHaveLength(1);
      const { body: found } = await asCaseworker.get(`/preparations/${body.items[0].id}`);
      expect(found.tasks.map((task: { ownerId: string }) => task.ownerId)).toEqual([CASEWORKER_ID, CASEWORKER_ID, CASEWORKER_ID, CASEWORKER_ID]);
      return found;
    }, 60_000);
    for (const task of preparation.tasks) expect((await asCaseworker.post(`/preparations/${preparation.id}/tasks/${task.id}/result`, { result: 'Done.' })).status).toBe(200);

    const tenancy = { tenancyId: randomUUID(), unitId: offer.offer.unitId, ...household };
    const startDate = new Date().toISOString().slice(0, 10);
    await publishLease(leaseEvent(tenancy, 'TenancyStarted', { landlordId: randomUUID(), startDate, rentCents: 65_000, serviceChargesCents: 5_000 }));
    const scheduled = (await waitForEvents(Topics.mediation, preparation.id, ['PostArrivalMeetingScheduled'], 60_000)).find((e) => e.type === 'PostArrivalMeetingScheduled')!;
    const expectedMeeting = new Date(Date.parse(`${startDate}T00:00:00Z`) + 35 * 86_400_000).toISOString().slice(0, 10);
    expect(scheduled.payload).toMatchObject({ tenancyId: tenancy.tenancyId, tenancyStartedOn: startDate, scheduledOn: expectedMeeting });
    expect((await asCaseworker.post(`/preparations/${preparation.id}/post-arrival-meeting`, { attendees: 3 })).status).toBe(200);

    const complaints: string[] = [];
    for (const category of ['noise', 'hygiene', 'neighbour_conflict']) {
      const response = await mediation.post('/complaints', {
        unitId: tenancy.unitId,
        category,
        intensity: 'medium',
        channel: 'phone',
        description: 'A neighbour called.',
        complainant: { kind: 'neighbour' },
        respondent: { kind: 'household', ref: household.householdId },
      });
      expect(response.status).toBe(201);
      expect(response.body.tenancyId).toBe(tenancy.tenancyId);
      complaints.push(response.body.id);
    }
    const [review] = (await asCaseworker.get(`/case-reviews?tenancyId=${tenancy.tenancyId}`)).body;
    expect(review).toMatchObject({ status: 'open', complaints: 3 });
    await waitForEvents(Topics.mediation, review.id, ['CaseReviewOpened'], 60_000);

    const { body: opened } = await mediation.post('/mediations', { complaintIds: complaints, mediatorIds: [MEDIATOR_ID] });
    expect((await asMediator.post(`/mediations/${opened.id}/sessions`, { step: 'joint_meeting', attendees: 4, result: 'partly_resolved' })).status).toBe(201);
    expect((await asMediator.post(`/mediations/${opened.id}/agreement`, { commitments: [{ party: 'household', commitment: 'Quiet after 22:00' }] })).status).toBe(201);
    expect((await asMediator.post(`/mediations/${opened.id}/agreement/follow-up`, { result: 'kept' })).status).toBe(200);
    const closed = await asMediator.post(`/mediations/${opened.id}/close`, { outcome: 'complaints_stopped' });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'complaints_stopped' });
    expect((await asCaseworker.post(`/case-reviews/${review.id}/resolve`, { resolution: 'Mediation worked.' })).status).toBe(200);

    const events = await eventually(async () => {
      const all = (await readEvents(Topics.mediation, opened.id)).map((e) => e.type);
      expect(all).toEqual(['MediationSessionHeld', 'MediationAgreementReached', 'MediationClosed']);
      return all;
    }, 60_000);
    expect(events).toHaveLength(3);
  });

  it('puts a tenancy with established arrears and an open complaint on the caseworker’s list, and clears it once paid and resolved', async () => {
    const household = await waitlistedHousehold();
    const tenancy = { tenancyId: randomUUID(), unitId: randomUUID(), ...household };
    await publishLease(leaseEvent(tenancy, 'TenancyStarted', { landlordId: randomUUID(), startDate: new Date().toISOString().slice(0, 10), rentCents: 65_000, serviceChargesCents: 5_000 }));
    const complaint = await eventually(async () => {
      const response = await mediation.post('/complaints', {
        unitId: tenancy.unitId,
        category: 'damage',
        intensity: 'high',
        channel: 'email',
        description: 'Broken door.',
        complainant: { kind: 'landlord' },
        respondent: { kind: 'household', ref: household.householdId },
      });
      expect(response.body.tenancyId).toBe(tenancy.tenancyId);
      return response.body;
    }, 60_000);
    await publishLease(leaseEvent(tenancy, 'ArrearsStageReached', { stage: 'established', arrearsCents: 140_000, monthsUnpaid: 2, reachedOn: new Date().toISOString().slice(0, 10) }));

    const [atRisk] = await waitForEvents(Topics.mediation, tenancy.tenancyId, ['TenancyAtRisk'], 60_000);
    expect(atRisk.payload).toMatchObject({ score: 60, threshold: 50, factors: [{ factor: 'arrears', contribution: 40 }, { factor: 'open_complaints', contribution: 20 }] });
    const alerts = await eventually(async () => {
      const { body } = await asCaseworker.get('/alerts');
      expect(body.map((alert: { tenancyId: string }) => alert.tenancyId)).toContain(tenancy.tenancyId);
      return body;
    });
    expect(alerts.find((alert: { tenancyId: string }) => alert.tenancyId === tenancy.tenancyId).why.map((w: { factor: string }) => w.factor)).toEqual(['arrears', 'open_complaints']);

    await publishLease(leaseEvent(tenancy, 'ArrearsCleared', { clearedOn: new Date().toISOString().slice(0, 10) }));
    await mediation.post(`/complaints/${complaint.id}/acknowledge`, {});
    await mediation.post(`/complaints/${complaint.id}/answer`, { answer: 'Repaired by the household.', upheld: true });
    const cleared = (await waitForEvents(Topics.mediation, tenancy.tenancyId, ['TenancyRiskCleared'], 60_000)).find((e) => e.type === 'TenancyRiskCleared')!;
    expect(cleared.payload).toMatchObject({ tenancyId: tenancy.tenancyId, threshold: 50 });
    expect((await asCaseworker.get('/alerts')).body.map((alert: { tenancyId: string }) => alert.tenancyId)).not.toContain(tenancy.tenancyId);
  });
});
