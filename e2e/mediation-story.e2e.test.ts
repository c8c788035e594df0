import { Topics } from '@hearth/contracts';
import { aConsent, aHouseholdRegistration, anAssessment, aUnit, bearer, eventually, queryDatabase, readEvents, someNeeds, TestEvent, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { client, Client, passInitialInspection, Platform, submittedFlat } from './support';

const staff = bearer('sra_staff');
const suffix = randomUUID().slice(0, 6);
const CASEWORKER_ID = `caseworker-e2e-story-${suffix}`;
const NEXT_CASEWORKER_ID = `caseworker-e2e-story-next-${suffix}`;
const MEDIATOR_ID = `mediator-e2e-story-${suffix}`;
const INSPECTOR_ID = `inspector-e2e-story-${suffix}`;

// ---- A naive calendar, the test's own reference (not the services' code) -------------------------

/** The agency's calendar day (Brussels) of an instant. */
const brusselsDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Same day n months later, or the month's last day when it has no such day (31 January + 1 month = 28/29 February). */
function plusMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
const daysInMonthOf = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();

/**
 * The day the story starts: the real day, since matching, units and applicants (no fixed clock)
 * stamp the offer with it. Leases and mediation start on it too (LEASES_TODAY, MEDIATION_TODAY) and
 * are restarted with later dates as the story moves on — no waiting, no sleeping.
 */
const T = brusselsDay(new Date());

/**
 * Tenancy sustainment across seven services as separate processes, nothing standing in for any of
 * them: matching's accepted offer opens the neighbours' preparation in mediation, the leases
 * service's tenancy start schedules the post-arrival meeting, its arrears feed the risk signal.
 */
describe('tenancy sustainment across services: an accepted offer to a mediation closed, and arrears with a complaint to a tenancy at risk and back', () => {
  const platform = new Platform();
  let landlords: Client, units: Client, inspections: Client, applicants: Client, matching: Client, leases: Client;
  let mediation: Client, asCaseworker: Client, asMediator: Client;

  function connectMediation() {
    const url = platform.service('mediation').url;
    [mediation, asCaseworker, asMediator] = [client(url, staff), client(url, bearer('caseworker', { sub: CASEWORKER_ID })), client(url, bearer('mediator', { sub: MEDIATOR_ID }))];
  }

  beforeAll(async () => {
    await platform.start(['landlords', 'units', 'inspections', 'applicants', 'matching', 'leases', 'mediation'], { leases: { LEASES_TODAY: T }, mediation: { MEDIATION_TODAY: T } });
    const at = (name: Parameters<Platform['service']>[0]) => client(platform.service(name).url, staff);
    [landlords, units, inspections, applicants, matching, leases] = [at('landlords'), at('units'), at('inspections'), at('applicants'), at('matching'), at('leases')];
    connectMediation();
  }, 300_000);

  afterAll(() => platform.stop());

  /** A flat let to a household through matching: the offer accepted, the draft tenancy opened by leases. */
  async function acceptedOffer(rent: number, purpose: string) {
    const { unitId, landlordId } = await submittedFlat(landlords, units, (id) => aUnit().forLandlord(id).withDistrict('BXL-C').withBedrooms(1).withRent(rent).with('availableFrom', T).build());
    const { body: household } = await applicants.post('/households', aHouseholdRegistration().build());
    await applicants.post(`/households/${household.id}/consent`, aConsent().build());
    await applicants.put(`/households/${household.id}/needs`, someNeeds().prefers('BXL-C').rentSetTo(1_000).build());
    await applicants.post(`/households/${household.id}/assessments`, anAssessment().build());
    expect((await applicants.put(`/households/${household.id}/caseworker`, { caseworkerId: CASEWORKER_ID })).status).toBe(200);
    expect((await applicants.post(`/households/${household.id}/waitlist`)).status).toBe(200);
    await eventually(async () => {
      const known = await queryDatabase(platform.databases.get('matching')!, 'SELECT household_id FROM waitlisted_households WHERE household_id = $1', [household.id]);
      expect(known).toHaveLength(1);
    }, 90_000);
    await passInitialInspection(platform, inspections, unitId, INSPECTOR_ID);
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('available'), 60_000);
    const offer = await eventually(async () => {
      // Other suites' households share the pool (one broker): the proposal says why this one.
      const proposed = await matching.post('/offers', { unitId, householdId: household.id, justification: purpose });
      expect(proposed.status).toBe(201);
      return proposed.body;
    }, 60_000);
    expect((await matching.post(`/offers/${offer.id}/make`)).status).toBe(200);
    await eventually(async () => expect((await applicants.get(`/households/${household.id}`)).body.status).toBe('offered'), 60_000);
    expect((await matching.post(`/offers/${offer.id}/accept`)).status).toBe(200);
    const draft = await eventually(async () => {
      const { body } = await leases.get(`/tenancies?offerId=${offer.id}`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 60_000);
    return { unitId, landlordId, householdId: household.id as string, reference: household.reference as string, offerId: offer.id as string, tenancyId: draft.id as string };
  }

  /** Staff complete and sign the draft to start on `startDate`; the leases service starts it (a job). */
  async function signedAndStarted(tenancyId: string, terms: { rent: number; serviceCharges: number; benefitPaidDirectly: number; startDate: string }) {
    expect((await leases.put(`/tenancies/${tenancyId}/terms`, { ...terms, deposit: { kind: 'guarantee', amount: 2 * terms.rent }, endDate: null })).status).toBe(200);
    expect((await leases.post(`/tenancies/${tenancyId}/sign`, { signedOn: T })).status).toBe(200);
    await eventually(async () => expect((await leases.get(`/tenancies/${tenancyId}`)).body.status).toBe('active'), 60_000);
  }

  const complaintAbout = (unitId: string, householdId: string, category: string, intensity: string, complainant: Record<string, unknown> = { kind: 'neighbour' }) => ({
    unitId,
    category,
    intensity,
    channel: 'phone',
    description: 'Entered by staff from a call.',
    complainant,
    respondent: { kind: 'household', ref: householdId },
  });

  const ofType = (events: TestEvent[], type: string) => events.filter((event) => event.type === type);

  /** The leases service's calendar day: T, until the arrears story moves it on. */
  let leasesDay = T;

  // The two stories run in this order: the first moves the leases service's calendar on two months
  // while mediation's is still at T; the second starts its tenancy on whatever day leases is at.

  it('puts a tenancy with established arrears (leases) and an open complaint at risk on its caseworker’s list, and clears it once paid', async () => {
    const b = await acceptedOffer(698.76, 'The single adult this one-bedroom flat was inspected for (arrears story)');
    // Started on the leases service's day (T); the household pays its rent itself.
    const startB = leasesDay;
    await signedAndStarted(b.tenancyId, { rent: 698.76, serviceCharges: 45, benefitPaidDirectly: 0, startDate: startB });

    // An open complaint about it today (the landlord's, entered by staff)…
    const complaintB = await eventually(async () => {
      const response = await mediation.post('/complaints', complaintAbout(b.unitId, b.householdId, 'damage', 'high', { kind: 'landlord', ref: b.landlordId }));
      expect(response.status).toBe(201);
      expect(response.body.tenancyId).toBe(b.tenancyId);
      return response.body;
    }, 60_000);

    // …and the leases service's calendar moves on two months with nothing paid: the months are
    // charged (the first from the start day, prorated) and the arrears established.
    const arrearsDay = plusMonths(startB, 2);
    await platform.restart('leases', { LEASES_TODAY: arrearsDay });
    leasesDay = arrearsDay;
    await eventually(async () => {
      const reached = ofType(await readEvents(Topics.leases, b.tenancyId), 'ArrearsStageReached');
      expect(reached.map((event) => (event.payload as { stage: string }).stage)).toContain('established');
    }, 120_000);

    // What B owes, by hand: its first month from the start day to the month's end (by the day,
    // rounded), then two whole months of 698.76 + 45.00.
    const monthlyB = 69_876 + 4_500;
    const firstMonthDays = daysInMonthOf(startB) - Number(startB.slice(8, 10)) + 1;
    const owedB = Math.round((monthlyB * firstMonthDays) / daysInMonthOf(startB)) + 2 * monthlyB;
    const ledgerB = await eventually(async () => {
      const { body } = await leases.get(`/tenancies/${b.tenancyId}/ledger`);
      expect(body.balanceCents).toBe(owedB);
      return body;
    }, 60_000);
    expect(ledgerB.paidCents).toBe(0);

    // Mediation combines both: established arrears (40) and an open complaint of high intensity (20)
    // reach the threshold of 50.
    const [atRisk] = ofType(await waitForEvents(Topics.mediation, b.tenancyId, ['TenancyAtRisk'], 60_000), 'TenancyAtRisk');
    expect(atRisk.payload).toEqual({
      tenancyId: b.tenancyId,
      unitId: b.unitId,
      householdId: b.householdId,
      reference: b.reference,
      score: 60,
      threshold: 50,
      factors: [
        { factor: 'arrears', contribution: 40 },
        { factor: 'open_complaints', contribution: 20 },
      ],
    });
    const alert = await eventually(async () => {
      const { body } = await asCaseworker.get('/alerts');
      const found = body.find((item: { tenancyId: string }) => item.tenancyId === b.tenancyId);
      expect(found).toBeDefined();
      return found;
    });
    expect(alert.why.map(({ factor, contribution }: { factor: string; contribution: number }) => ({ factor, contribution }))).toEqual([
      { factor: 'arrears', contribution: 40 },
      { factor: 'open_complaints', contribution: 20 },
    ]);
    expect(alert).toMatchObject({ caseworkerId: CASEWORKER_ID, score: 60 });

    // The housed household is given to another caseworker (applicants' CaseworkerAssigned, decision
    // 0018): its alert (mediation) and its tenancy (leases) follow it; the first caseworker sees neither.
    await eventually(async () => expect((await applicants.get(`/households/${b.householdId}`)).body.status).toBe('housed'), 60_000);
    expect((await applicants.put(`/households/${b.householdId}/caseworker`, { caseworkerId: NEXT_CASEWORKER_ID })).status).toBe(200);
    const asNextCaseworker = client(platform.service('mediation').url, bearer('caseworker', { sub: NEXT_CASEWORKER_ID }));
    await eventually(async () => {
      expect((await asNextCaseworker.get('/alerts')).body).toEqual([expect.objectContaining({ tenancyId: b.tenancyId, caseworkerId: NEXT_CASEWORKER_ID, score: 60 })]);
    }, 60_000);
    expect((await asCaseworker.get('/alerts')).body.map((item: { tenancyId: string }) => item.tenancyId)).not.toContain(b.tenancyId);
    const leasesAs = (sub: string) => client(platform.service('leases').url, bearer('caseworker', { sub }));
    await eventually(async () => expect((await leasesAs(NEXT_CASEWORKER_ID).get(`/tenancies/${b.tenancyId}`)).status).toBe(200), 60_000);
    expect((await leasesAs(CASEWORKER_ID).get(`/tenancies/${b.tenancyId}`)).status).toBe(404);

    // Paid in full: leases clears the arrears, mediation the risk (20 left: the complaint).
    expect((await leases.post(`/tenancies/${b.tenancyId}/payments`, { amount: owedB / 100, receivedOn: arrearsDay })).status).toBe(201);
    await waitForEvents(Topics.leases, b.tenancyId, ['ArrearsCleared'], 60_000);
    const [cleared] = ofType(await waitForEvents(Topics.mediation, b.tenancyId, ['TenancyRiskCleared'], 60_000), 'TenancyRiskCleared');
    expect(cleared.payload).toEqual({ tenancyId: b.tenancyId, unitId: b.unitId, householdId: b.householdId, reference: b.reference, score: 20, threshold: 50 });
    // The list is read after the positive signal (the event is written with the change).
    expect((await asNextCaseworker.get('/alerts')).body.map((item: { tenancyId: string }) => item.tenancyId)).not.toContain(b.tenancyId);
    // …and the complaint is handled.
    expect((await mediation.post(`/complaints/${complaintB.id}/acknowledge`, {})).status).toBe(200);
    expect((await mediation.post(`/complaints/${complaintB.id}/answer`, { answer: 'The door was repaired by the household.', upheld: true })).status).toBe(200);
  }, 600_000);

  it('takes an accepted offer through the neighbours’ preparation, the tenancy’s start and its post-arrival meeting, three complaints in six months, a case review and a mediation with an agreement followed up to an outcome', async () => {
    // ---- Day T: the offer accepted in matching -----------------------------------------------------
    const a = await acceptedOffer(712.34, 'The single adult this one-bedroom flat was inspected for (mediation story)');

    // The accepted offer opened the preparation: four tasks, each owned by the household's caseworker.
    const preparation = await eventually(async () => {
      const { body } = await asCaseworker.get(`/preparations?offerId=${a.offerId}`);
      expect(body.items).toHaveLength(1);
      const { body: found } = await asCaseworker.get(`/preparations/${body.items[0].id}`);
      expect(found.tasks.map((task: { ownerId: string }) => task.ownerId)).toEqual([CASEWORKER_ID, CASEWORKER_ID, CASEWORKER_ID, CASEWORKER_ID]);
      return found;
    }, 60_000);
    expect(preparation).toMatchObject({ unitId: a.unitId, householdId: a.householdId, status: 'open' });
    for (const task of preparation.tasks) expect((await asCaseworker.post(`/preparations/${preparation.id}/tasks/${task.id}/result`, { result: 'Done.' })).status).toBe(200);
    const [opened] = ofType(await waitForEvents(Topics.mediation, preparation.id, ['NeighbourPreparationOpened'], 60_000), 'NeighbourPreparationOpened');
    expect(opened.payload).toMatchObject({ offerId: a.offerId, unitId: a.unitId, tasks: 4 });

    // The tenancy starts on the leases service's day; a benefit agency pays the rent and charges in
    // full, so this tenancy's risk is about its neighbours only.
    const startDay = leasesDay;
    await signedAndStarted(a.tenancyId, { rent: 712.34, serviceCharges: 45, benefitPaidDirectly: 757.34, startDate: startDay });

    // The tenancy's start (leases' event) scheduled the post-arrival meeting on the preparation, 35
    // days later (POST_ARRIVAL_MEETING_DAYS' default: five weeks, within the 4–6 the practice asks).
    const [scheduled] = ofType(await waitForEvents(Topics.mediation, preparation.id, ['PostArrivalMeetingScheduled'], 60_000), 'PostArrivalMeetingScheduled');
    const meetingDay = plusDays(startDay, 35);
    expect(scheduled.payload).toMatchObject({ tenancyId: a.tenancyId, tenancyStartedOn: startDay, scheduledOn: meetingDay });

    // ---- Five weeks after the start: the post-arrival meeting, and a first complaint --------------
    await platform.restart('mediation', { MEDIATION_TODAY: meetingDay });
    connectMediation();
    const held = await asCaseworker.post(`/preparations/${preparation.id}/post-arrival-meeting`, { attendees: 4, notes: 'Met the neighbours on the landing.' });
    expect(held.status).toBe(200);
    const [heldEvent] = ofType(await waitForEvents(Topics.mediation, preparation.id, ['PostArrivalMeetingHeld'], 60_000), 'PostArrivalMeetingHeld');
    expect(heldEvent.payload).toMatchObject({ tenancyId: a.tenancyId, heldOn: meetingDay, attendees: 4 });

    const first = await mediation.post('/complaints', complaintAbout(a.unitId, a.householdId, 'noise', 'medium'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ tenancyId: a.tenancyId, receivedOn: meetingDay });
    expect((await mediation.post(`/complaints/${first.body.id}/acknowledge`, {})).status).toBe(200);
    expect((await mediation.post(`/complaints/${first.body.id}/answer`, { answer: 'Spoke with the household about the noise.', upheld: true })).status).toBe(200);
    // The review is opened within the request that files a complaint: an empty list is the answer.
    expect((await asCaseworker.get(`/case-reviews?tenancyId=${a.tenancyId}`)).body).toEqual([]);

    // ---- Six weeks later: two more complaints; the third within six months opens a case review --
    const complaintsDay = plusDays(meetingDay, 42);
    await platform.restart('mediation', { MEDIATION_TODAY: complaintsDay });
    connectMediation();
    const second = await mediation.post('/complaints', complaintAbout(a.unitId, a.householdId, 'hygiene', 'medium'));
    expect(second.status).toBe(201);
    expect((await asCaseworker.get(`/case-reviews?tenancyId=${a.tenancyId}`)).body).toEqual([]);
    const third = await mediation.post('/complaints', complaintAbout(a.unitId, a.householdId, 'neighbour_conflict', 'medium'));
    expect(third.status).toBe(201);
    for (const complaint of [second.body, third.body]) {
      expect(complaint).toMatchObject({ tenancyId: a.tenancyId, receivedOn: complaintsDay });
      expect((await mediation.post(`/complaints/${complaint.id}/acknowledge`, {})).status).toBe(200);
      expect((await mediation.post(`/complaints/${complaint.id}/answer`, { answer: 'A mediation is proposed to both parties.', upheld: true })).status).toBe(200);
    }
    const reviews = (await asCaseworker.get(`/case-reviews?tenancyId=${a.tenancyId}`)).body;
    expect(reviews).toHaveLength(1);
    const [review] = reviews;
    expect(review).toMatchObject({ status: 'open', complaints: 3 });
    const [reviewOpened] = ofType(await waitForEvents(Topics.mediation, review.id, ['CaseReviewOpened'], 60_000), 'CaseReviewOpened');
    expect(reviewOpened.payload).toEqual({ reviewId: review.id, tenancyId: a.tenancyId, unitId: a.unitId, complaints: 3, windowMonths: 6, openedOn: complaintsDay });

    // The mediation: a phone call, then a joint meeting at a neutral place, and a written agreement
    // followed up three months later (AGREEMENT_FOLLOW_UP_MONTHS' default).
    const complaintIds = [first.body.id, second.body.id, third.body.id];
    const { status: openedStatus, body: case_ } = await mediation.post('/mediations', { complaintIds, mediatorIds: [MEDIATOR_ID] });
    expect(openedStatus).toBe(201);
    expect(case_).toMatchObject({ status: 'open', tenancyId: a.tenancyId, openedOn: complaintsDay });
    expect((await asMediator.post(`/mediations/${case_.id}/sessions`, { step: 'phone_call', attendees: 2, result: 'partly_resolved' })).status).toBe(201);
    expect((await asMediator.post(`/mediations/${case_.id}/sessions`, { step: 'joint_meeting', attendees: 4, result: 'resolved', notes: 'Quiet hours agreed.' })).status).toBe(201);
    const agreement = await asMediator.post(`/mediations/${case_.id}/agreement`, {
      commitments: [
        { party: 'household', commitment: 'Quiet after 22:00' },
        { party: 'neighbour', commitment: 'Knock first, complain later' },
      ],
    });
    expect(agreement.status).toBe(201);
    const followUpDay = plusMonths(complaintsDay, 3);
    const [reached] = ofType(await waitForEvents(Topics.mediation, case_.id, ['MediationAgreementReached'], 60_000), 'MediationAgreementReached');
    expect(reached.payload).toMatchObject({ tenancyId: a.tenancyId, commitments: 2, followUpOn: followUpDay });
    // Not closed before its follow-up.
    expect((await asMediator.post(`/mediations/${case_.id}/close`, { outcome: 'complaints_stopped' })).status).toBe(409);

    // ---- The follow-up day: commitments kept, the case closed with its outcome, the review resolved --
    await platform.restart('mediation', { MEDIATION_TODAY: followUpDay });
    connectMediation();
    expect((await asMediator.post(`/mediations/${case_.id}/agreement/follow-up`, { result: 'kept' })).status).toBe(200);
    const closed = await asMediator.post(`/mediations/${case_.id}/close`, { outcome: 'complaints_stopped' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'complaints_stopped', closedOn: followUpDay });
    expect((await asCaseworker.post(`/case-reviews/${review.id}/resolve`, { resolution: 'Mediation worked; no complaint since.' })).status).toBe(200);

    const story = await eventually(async () => {
      const events = (await waitForEvents(Topics.mediation, case_.id, ['MediationClosed'], 60_000)).map((event) => ({ type: event.type, payload: event.payload as Record<string, unknown> }));
      expect(events.map((event) => event.type)).toEqual(['MediationSessionHeld', 'MediationSessionHeld', 'MediationAgreementReached', 'MediationClosed']);
      return events;
    }, 60_000);
    expect(story[0].payload).toMatchObject({ step: 'phone_call', heldOn: complaintsDay });
    expect(story[1].payload).toMatchObject({ step: 'joint_meeting', heldOn: complaintsDay });
    expect(story[3].payload).toMatchObject({ tenancyId: a.tenancyId, outcome: 'complaints_stopped', exclusion: null, closedOn: followUpDay });
    const escalated = await Promise.all(complaintIds.map(async (id) => ofType(await waitForEvents(Topics.mediation, id, ['ComplaintEscalated'], 60_000), 'ComplaintEscalated')[0].payload));
    expect(escalated.map((payload) => (payload as { mediationId: string }).mediationId)).toEqual([case_.id, case_.id, case_.id]);
  }, 900_000);
});
