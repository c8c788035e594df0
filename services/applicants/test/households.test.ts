import { Topics } from '@hearth/contracts';
import {
  aConsent,
  aHouseholdRegistration,
  anAssessment,
  bearer,
  queryDatabase,
  readEvents,
  someNeeds,
  settled,
  TestApp,
  waitForEvents,
} from '@hearth/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { databaseSnapshot, HouseholdJourney, staff, startApplicants } from './support';

const MATCHING_PAYLOAD_KEYS = [
  'householdId',
  'reference',
  'programme',
  'status',
  'householdSize',
  'bedroomsNeeded',
  'maxRent',
  'wheelchair',
  'stepFree',
  'pets',
  'excludedDistricts',
  'preferredDistricts',
  'priority',
  'waitingSince',
  'caseworkerId', // a staff user id, so matching lets only the household's caseworker answer offers
].sort();

describe('applicants service: households, consent, needs, assessment and the waitlist', () => {
  let service: TestApp;
  let journey: HouseholdJourney;
  let logs: string[];

  beforeAll(async () => {
    ({ service, logs } = await startApplicants({ CASELOAD_LIMIT_RAPID_REHOUSING: '2', LOG_LEVEL: 'debug' }));
    journey = new HouseholdJourney(service);
  });

  afterAll(() => service?.close());

  const register = (body: Record<string, unknown>, as = staff) => service.http.post('/households').set(as).send(body);

  describe('registering a household', () => {
    it('gives it a short unambiguous reference and publishes ApplicantRegistered with ids and counts only', async () => {
      const response = await register(aHouseholdRegistration().withMembers(2, 1, [4, 9]).forProgramme('housing_led').build()).expect(201);

      expect(response.body).toMatchObject({
        status: 'registered',
        programme: 'housing_led',
        composition: { householdSize: 4, adults: 2, couples: 1, childrenAges: [4, 9] },
        needs: { bedroomsNeeded: 2, bedroomsByRule: 2 },
        assignment: 'unassigned',
      });
      expect(response.body.reference).toMatch(/^HX-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
      expect(JSON.stringify(response.body)).not.toMatch(/fullName|dateOfBirth|example\.org|\+32/);
      const [event] = await waitForEvents(Topics.applicants, response.body.id, ['ApplicantRegistered']);
      expect(event.payload).toEqual({
        householdId: response.body.id,
        reference: response.body.reference,
        programme: 'housing_led',
        status: 'registered',
        householdSize: 4,
        registeredOn: new Date().toISOString().slice(0, 10),
      });
      expect(event.aggregateVersion).toBe(1);
    });

    it('answers a possible duplicate, however the name is typed, with 409 naming the existing reference and writes nothing', async () => {
      const first = await register(aHouseholdRegistration().named('Zoë Núñez-Okafor').bornOn('1988-02-29').build()).expect(201);
      const before = await databaseSnapshot(service.database);

      const response = await register(aHouseholdRegistration().named('  zoe NUNEZ okafor ').bornOn('1988-02-29').build()).expect(409);

      expect(response.body).toMatchObject({ code: 'HOUSEHOLD.POSSIBLE_DUPLICATE', existingReference: first.body.reference });
      expect(response.body.detail).not.toMatch(/zo[eë]|nu[nñ]ez|1988/i);
      expect(await databaseSnapshot(service.database)).toEqual(before);
      const refusal = logs.filter((line) => line.includes('HOUSEHOLD.POSSIBLE_DUPLICATE'));
      expect(refusal).toHaveLength(1);
      expect(logs.join('\n')).not.toMatch(/zo[eë] n|nu[nñ]ez|1988-02-29/i);
    });

    it('registers the same name and birth date when staff confirm it is a different person, and records who confirmed', async () => {
      const registration = aHouseholdRegistration().named('Mohamed Ali').bornOn('1990-01-01');
      await register(registration.build()).expect(201);
      const confirmer = randomUUID();

      const response = await register(registration.differentPerson().build(), bearer('sra_staff', { sub: confirmer })).expect(201);

      const [row] = await queryDatabase<{ different_person_confirmed_by: string }>(service.database, 'SELECT different_person_confirmed_by FROM households WHERE id = $1', [
        response.body.id,
      ]);
      expect(row.different_person_confirmed_by).toBe(confirmer);
    });

    it('does not let a caseworker confirm a possible duplicate (403)', async () => {
      const response = await register(aHouseholdRegistration().differentPerson().build(), bearer('caseworker')).expect(403);

      expect(response.body.code).toBe('HOUSEHOLD.CONFIRMATION_REQUIRES_STAFF');
    });

    it('answers a retried registration with the same Idempotency-Key with the first answer, registering once', async () => {
      const key = `register-${randomBytes(6).toString('hex')}`;
      const body = aHouseholdRegistration().build();

      const first = await service.http.post('/households').set(staff).set('Idempotency-Key', key).send(body).expect(201);
      const retry = await service.http.post('/households').set(staff).set('Idempotency-Key', key).send(body).expect(201);

      expect(retry.body.id).toBe(first.body.id);
      await settled(service);
      expect(await readEvents(Topics.applicants, first.body.id)).toHaveLength(1);
    });
  });

  describe('caseloads', () => {
    it('puts a caseworker’s registrations on their own caseload until the programme’s limit, then leaves them unassigned', async () => {
      const caseworker = bearer('caseworker', { sub: `cw-${randomUUID()}` });
      const body = () => aHouseholdRegistration().forProgramme('rapid_rehousing').build();

      const assigned = [await register(body(), caseworker).expect(201), await register(body(), caseworker).expect(201)];
      const third = await register(body(), caseworker).expect(201);

      expect(assigned.map((r) => r.body.assignment)).toEqual(['assigned_to_you', 'assigned_to_you']);
      expect(third.body).toMatchObject({ assignment: 'unassigned_caseload_full', caseworkerId: null });
      const caseworkerId = assigned[0].body.caseworkerId;
      const caseload = await service.http.get(`/caseworkers/${caseworkerId}/caseload`).set(caseworker).expect(200);
      expect(caseload.body.programmes).toContainEqual({ programme: 'rapid_rehousing', households: 2, limit: 2, room: 0 });
    });

    it('refuses staff an assignment beyond the limit (409 CASEWORKER.CASELOAD_FULL) and frees a place when a household withdraws', async () => {
      const caseworkerId = `cw-${randomUUID()}`;
      const households = await Promise.all([1, 2, 3].map(() => journey.registered({ registration: aHouseholdRegistration().forProgramme('rapid_rehousing') })));
      const assign = (id: string) => service.http.put(`/households/${id}/caseworker`).set(staff).send({ caseworkerId });

      await assign(households[0].id).expect(200);
      await assign(households[1].id).expect(200);
      const refused = await assign(households[2].id).expect(409);
      expect(refused.body.code).toBe('CASEWORKER.CASELOAD_FULL');

      await service.http.post(`/households/${households[0].id}/withdraw`).set(staff).send({ reason: 'housed_elsewhere' }).expect(200);
      await assign(households[2].id).expect(200);
    });
  });

  describe('consent, needs and assessment', () => {
    it('refuses an assessment without consent to processing (409 CONSENT.REQUIRED), writing nothing', async () => {
      const { id } = await journey.registered();
      const before = await databaseSnapshot(service.database);

      const response = await service.http.post(`/households/${id}/assessments`).set(staff).send(anAssessment().build()).expect(409);

      expect(response.body).toMatchObject({ code: 'CONSENT.REQUIRED', missingScope: ['processing'] });
      expect(await databaseSnapshot(service.database)).toEqual(before);
    });

    it('derives bedrooms by the rule, honours an override, and computes maxRent by the affordability rule', async () => {
      const { id } = await journey.registered({ registration: aHouseholdRegistration().withMembers(1, 0, [2, 5, 16]) });

      const byRule = await service.http.put(`/households/${id}/needs`).set(staff).send(someNeeds().rentByRule(900, 1300).build()).expect(200);
      expect(byRule.body.needs).toMatchObject({ bedroomsNeeded: 3, bedroomsByRule: 3, bedroomsOverridden: false, maxRent: 770, maxRentBasis: 'rule' });

      const overridden = await service.http
        .put(`/households/${id}/needs`)
        .set(staff)
        .send(someNeeds().bedroomsOverride(4, 'a carer stays overnight').rentSetTo(820).wheelchair().build())
        .expect(200);
      expect(overridden.body.needs).toMatchObject({ bedroomsNeeded: 4, bedroomsByRule: 3, bedroomsOverridden: true, maxRent: 820, maxRentBasis: 'set', wheelchair: true, stepFree: true });
    });

    it('scores an assessment under policy v1 and publishes ApplicantAssessed with the priority only', async () => {
      const { id } = await journey.assessed({ assessment: anAssessment().livingIn('rough_sleeping').homelessFor(18).vulnerable('health') });

      const { body } = await service.http.get(`/households/${id}`).set(staff).expect(200);

      expect(body).toMatchObject({ status: 'assessed', priority: 66, assessmentScore: 66, policyVersion: 1 });
      const events = await waitForEvents(Topics.applicants, id, ['ApplicantRegistered', 'ConsentGiven', 'ApplicantAssessed']);
      const assessed = events.find((e) => e.type === 'ApplicantAssessed')!;
      expect(Object.keys(assessed.payload).sort()).toEqual(['assessedOn', 'householdId', 'policyVersion', 'priority', 'reference', 'status']);
      expect(assessed.payload).toMatchObject({ priority: 66, policyVersion: 1, status: 'assessed' });
    });
  });

  describe('the waitlist lifecycle', () => {
    it('waitlists a household with exactly the attributes matching reads, in one ordered event stream', async () => {
      const { id, reference } = await journey.waitlisted({
        registration: aHouseholdRegistration().withMembers(2, 1, [3]),
        needs: someNeeds().withPets().rentSetTo(750).prefers('BXL-C', 'd7').excludes('D4', 'ex-partner lives there'),
        assessment: anAssessment().livingIn('emergency_shelter').homelessFor(10),
      });

      const events = await waitForEvents(Topics.applicants, id, ['ApplicantWaitlisted']);
      expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
        ['ApplicantRegistered', 1],
        ['ConsentGiven', 2],
        ['ApplicantAssessed', 4],
        ['ApplicantWaitlisted', 5],
      ]);
      const waitlisted = events[3];
      expect(Object.keys(waitlisted.payload).sort()).toEqual(MATCHING_PAYLOAD_KEYS);
      expect(waitlisted.payload).toEqual({
        householdId: id,
        reference,
        programme: 'housing_first',
        status: 'waitlisted',
        householdSize: 3,
        bedroomsNeeded: 2,
        maxRent: 750,
        wheelchair: false,
        stepFree: false,
        pets: true,
        excludedDistricts: ['D4'],
        preferredDistricts: ['BXL-C', 'D7'],
        priority: 40,
        waitingSince: new Date().toISOString().slice(0, 10),
        caseworkerId: null,
      });
    });

    it('publishes ApplicantNeedsChanged for a waitlisted household only when a matching attribute changed', async () => {
      const needs = someNeeds().rentSetTo(700);
      const { id } = await journey.waitlisted({ needs });

      await service.http.put(`/households/${id}/needs`).set(staff).send(needs.build()).expect(200);
      await service.http.put(`/households/${id}/needs`).set(staff).send(needs.rentSetTo(760).build()).expect(200);

      const events = await waitForEvents(Topics.applicants, id, ['ApplicantNeedsChanged']);
      await settled(service);
      const changes = (await readEvents(Topics.applicants, id)).filter((e) => e.type === 'ApplicantNeedsChanged');
      expect(changes.map((e) => e.payload.maxRent)).toEqual([760]);
      expect(events.at(-1)!.payload).toMatchObject({ status: 'waitlisted', maxRent: 760 });
    });

    it('refuses to waitlist a household whose needs are not recorded (409 HOUSEHOLD.NEEDS_INCOMPLETE)', async () => {
      const { id } = await journey.registered();
      await service.http.post(`/households/${id}/consent`).set(staff).send(aConsent().build()).expect(200);
      await service.http.post(`/households/${id}/assessments`).set(staff).send(anAssessment().build()).expect(201);

      const response = await service.http.post(`/households/${id}/waitlist`).set(staff).send({}).expect(409);

      expect(response.body.code).toBe('HOUSEHOLD.NEEDS_INCOMPLETE');
    });

    it('refuses to waitlist without consent to matching (409 CONSENT.REQUIRED)', async () => {
      const { id } = await journey.registered();
      await service.http.post(`/households/${id}/consent`).set(staff).send(aConsent().withScope('processing').build()).expect(200);
      await service.http.put(`/households/${id}/needs`).set(staff).send(someNeeds().build()).expect(200);
      await service.http.post(`/households/${id}/assessments`).set(staff).send(anAssessment().build()).expect(201);

      const response = await service.http.post(`/households/${id}/waitlist`).set(staff).send({}).expect(409);

      expect(response.body).toMatchObject({ code: 'CONSENT.REQUIRED', missingScope: ['matching'] });
    });

    it.each([
      ['waitlist a registered household', 'registered', 'waitlist', {}],
      ['resume a household that is not paused', 'registered', 'resume', {}],
      ['withdraw a withdrawn household again', 'withdrawn', 'withdraw', { reason: 'moved_away' }],
    ])('refuses to %s (409 HOUSEHOLD.INVALID_TRANSITION), unchanged and silent', async (_case, state, transition, body) => {
      const { id } = await journey.registered();
      if (state === 'withdrawn') await service.http.post(`/households/${id}/withdraw`).set(staff).send({ reason: 'lost_contact' }).expect(200);
      const before = await databaseSnapshot(service.database);
      await settled(service);
      const eventsBefore = (await readEvents(Topics.applicants, id)).length;

      const response = await service.http.post(`/households/${id}/${transition}`).set(staff).send(body).expect(409);

      expect(response.body.code).toBe('HOUSEHOLD.INVALID_TRANSITION');
      expect(await databaseSnapshot(service.database)).toEqual(before);
      await settled(service);
      expect(await readEvents(Topics.applicants, id)).toHaveLength(eventsBefore);
    });

    it('refuses a change from a stale copy (409 CONCURRENCY.STALE)', async () => {
      const { id } = await journey.registered();

      const response = await service.http.post(`/households/${id}/pause`).set(staff).send({ expectedVersion: 7, reason: 'in_treatment' }).expect(409);

      expect(response.body.code).toBe('CONCURRENCY.STALE');
    });

    it('pauses on consent withdrawal, publishes ConsentWithdrawn, and resumes to the waitlist only with consent again', async () => {
      const { id } = await journey.waitlisted();

      const withdrawn = await service.http.post(`/households/${id}/consent/withdraw`).set(staff).send({}).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'paused', pausedFrom: 'waitlisted', statusReason: 'consent_withdrawn', consent: { inForce: false } });
      const refused = await service.http.post(`/households/${id}/resume`).set(staff).send({}).expect(409);
      expect(refused.body.code).toBe('CONSENT.REQUIRED');

      await service.http.post(`/households/${id}/consent`).set(staff).send(aConsent().build()).expect(200);
      const resumed = await service.http.post(`/households/${id}/resume`).set(staff).send({}).expect(200);

      expect(resumed.body.status).toBe('waitlisted');
      const events = await waitForEvents(Topics.applicants, id, ['ConsentWithdrawn', 'ApplicantResumed']);
      expect(events.find((e) => e.type === 'ConsentWithdrawn')!.payload).toMatchObject({ status: 'paused' });
      expect(Object.keys(events.find((e) => e.type === 'ApplicantResumed')!.payload).sort()).toEqual(MATCHING_PAYLOAD_KEYS);
    });

    it('pauses, withdraws and exits a household, keeping the reasons here: the events say only unavailable, withdrawn, exited', async () => {
      const { id } = await journey.waitlisted();

      await service.http.post(`/households/${id}/pause`).set(staff).send({ reason: 'in_custody' }).expect(200);
      await service.http.post(`/households/${id}/resume`).set(staff).send({}).expect(200);
      await service.http.post(`/households/${id}/withdraw`).set(staff).send({ reason: 'deceased', note: 'found a flat via family' }).expect(200);
      await service.http.post(`/households/${id}/exit`).set(staff).send({ reason: 'support_completed' }).expect(200);

      const events = await waitForEvents(Topics.applicants, id, ['ApplicantPaused', 'ApplicantWithdrawn', 'ApplicantExited']);
      const published = (type: string) => events.find((e) => e.type === type)!;
      expect([published('ApplicantPaused'), published('ApplicantWithdrawn'), published('ApplicantExited')].map((e) => [(e as { version?: number }).version, e.payload])).toEqual([
        [2, { householdId: id, reference: expect.any(String), status: 'paused' }],
        [2, { householdId: id, reference: expect.any(String), status: 'withdrawn' }],
        [2, { householdId: id, reference: expect.any(String), status: 'exited' }],
      ]);
      expect(JSON.stringify(events)).not.toMatch(/in_custody|deceased|support_completed|family/);
      const [row] = await queryDatabase<{ status_reason: string }>(service.database, 'SELECT status_reason FROM households WHERE id = $1', [id]);
      expect(row.status_reason).toBe('support_completed');
    });
  });

  describe('waitlist order, filters and position', () => {
    it('orders by score, then earlier registration, then reference, and filters and pages', async () => {
      const district = `Q${randomBytes(3).toString('hex').toUpperCase()}`;
      const make = (assessment = anAssessment(), needs = someNeeds()) => journey.waitlisted({ assessment, needs: needs.prefers(district) });
      const low = await make(anAssessment().livingIn('overcrowded').homelessFor(0));
      const tiedFirst = await make(anAssessment().livingIn('emergency_shelter').homelessFor(6));
      const tiedSecond = await make(anAssessment().livingIn('emergency_shelter').homelessFor(6), someNeeds().wheelchair().prefers(district));
      const high = await make(anAssessment().livingIn('rough_sleeping').homelessFor(20), someNeeds().withPets());

      const all = await service.http.get(`/waitlist?preferredDistrict=${district.toLowerCase()}`).set(staff).expect(200);
      expect(all.body.items.map((e: { reference: string }) => e.reference)).toEqual([high, tiedFirst, tiedSecond, low].map((h) => h.reference));
      expect(all.body.items.map((e: { priority: number }) => e.priority)).toEqual([60, 36, 36, 12]);
      expect(all.body.items.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3, 4]);
      expect(all.body.total).toBe(4);

      const page = await service.http.get(`/waitlist?preferredDistrict=${district}&limit=2&offset=1`).set(staff).expect(200);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page.body.items.map((e: { reference: string }) => e.reference)).toEqual([tiedFirst.reference, tiedSecond.reference]);

      const wheelchair = await service.http.get(`/waitlist?preferredDistrict=${district}&wheelchair=true`).set(staff).expect(200);
      expect(wheelchair.body.items.map((e: { reference: string }) => e.reference)).toEqual([tiedSecond.reference]);
      const pets = await service.http.get(`/waitlist?preferredDistrict=${district}&pets=true&programme=housing_first&bedrooms=1`).set(staff).expect(200);
      expect(pets.body.items.map((e: { reference: string }) => e.reference)).toEqual([high.reference]);
    });

    it('gives a household its position among comparable households (same programme and bedrooms)', async () => {
      const registration = () => aHouseholdRegistration().forProgramme('housing_led').withMembers(2, 1, [1, 3, 5, 7, 9, 11]);
      const top = await journey.waitlisted({ registration: registration(), assessment: anAssessment().livingIn('rough_sleeping').homelessFor(24).vulnerable('health', 'children') });
      const next = await journey.waitlisted({ registration: registration(), assessment: anAssessment().livingIn('rough_sleeping').homelessFor(24).vulnerable('children') });

      const first = await service.http.get(`/households/${top.id}/waitlist-position`).set(staff).expect(200);
      const second = await service.http.get(`/households/${next.id}/waitlist-position`).set(staff).expect(200);

      expect(first.body).toMatchObject({ reference: top.reference, programme: 'housing_led', bedroomsNeeded: 4, position: 1 });
      expect(second.body).toMatchObject({ position: 2, comparableHouseholds: first.body.comparableHouseholds });
      expect(first.body.comparableHouseholds).toBeGreaterThanOrEqual(2);
    });

    it('refuses the position of a household that is not waitlisted (409)', async () => {
      const { id } = await journey.registered();

      const response = await service.http.get(`/households/${id}/waitlist-position`).set(staff).expect(409);

      expect(response.body.code).toBe('HOUSEHOLD.NOT_WAITLISTED');
    });
  });

  describe('bad input writes nothing and publishes nothing', () => {
    it.each([
      ['an empty body', {}, ['programme', 'primaryContact', 'members', 'referral']],
      ['a birth date in the future and a bad email', aHouseholdRegistration().bornOn('2999-01-01').with('primaryContact.email', 'nope').build(), ['primaryContact.dateOfBirth', 'primaryContact.email']],
      ['more couples than adults allow', aHouseholdRegistration().withMembers(1, 1).build(), ['members.couples']],
      ['a child aged 18', aHouseholdRegistration().withMembers(1, 0, [18]).build(), ['members.children.0.age']],
      ['an unknown programme and field', aHouseholdRegistration().forProgramme('luxury' as never).with('nationality', 'BE').build(), ['programme', 'nationality']],
    ])('POST /households with %s → 400 naming the fields', async (_case, body, fields) => {
      const before = await databaseSnapshot(service.database);

      const response = await register(body).expect(400);

      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await databaseSnapshot(service.database)).toEqual(before);
    });

    it.each([
      ['needs naming a district both preferred and excluded', 'put', 'needs', someNeeds().prefers('D1').excludes('D1', 'unsafe').build(), 'excludedDistricts'],
      ['needs with a negative income', 'put', 'needs', someNeeds().rentByRule(-5, 100).build(), 'rent.monthlyIncome'],
      ['an assessment leaving an institution without the date', 'post', 'assessments', anAssessment().livingIn('leaving_institution').build(), 'leavingInstitutionOn'],
      ['an assessment with 40 months homeless in 3 years', 'post', 'assessments', anAssessment().homelessFor(40).build(), 'monthsHomelessLast3Years'],
      ['consent with an unknown scope', 'post', 'consent', aConsent().withScope('marketing').build(), 'scope.0'],
      ['a pause with an unknown reason', 'post', 'pause', { reason: 'holiday' }, 'reason'],
      ['erasure without a basis', 'post', 'erasure', {}, 'basis'],
    ])('%s → 400 naming %s, nothing written, no event', async (_case, method, path, body, field) => {
      const { id } = await journey.registered();
      await service.http.post(`/households/${id}/consent`).set(staff).send(aConsent().build()).expect(200);
      await waitForEvents(Topics.applicants, id, ['ConsentGiven']);
      const before = await databaseSnapshot(service.database);

      const response = await (method === 'put' ? service.http.put(`/households/${id}/${path}`) : service.http.post(`/households/${id}/${path}`))
        .set(staff)
        .send(body)
        .expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await databaseSnapshot(service.database)).toEqual(before);
      await settled(service);
      expect((await readEvents(Topics.applicants, id)).map((e) => e.type)).toEqual(['ApplicantRegistered', 'ConsentGiven']);
    });
  });
});
