import { Topics } from '@hearth/contracts';
import {
  aConsent,
  aHouseholdRegistration,
  anAssessment,
  bearer,
  clearRedisPrefix,
  dropDatabase,
  eventually,
  freePort,
  queryDatabase,
  readTopic,
  ServiceProcess,
  someNeeds,
  testEnv,
  waitForEvents,
} from '@hearth/testing';
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';

/**
 * Unique markers in every personal field; then every response that is not a personal-data read,
 * every event on hearth.applicants, every log line of the service (run as its own process, all
 * loggers at trace level into one file) and every row of its database are searched for them.
 */
const tag = randomBytes(3).toString('hex').toUpperCase();
const prefix = `PM${tag}`;
const marker = (field: string) => `${prefix}${field}`;
const markers = {
  fullName: `${marker('Fullname')} Okonkwo`,
  dateOfBirth: `193${randomInt(10)}-0${randomInt(1, 10)}-1${randomInt(10)}`,
  phone: `+32 470 ${randomInt(10, 100)} ${randomInt(10, 100)} ${randomInt(10, 100)}`,
  email: `${marker('email').toLowerCase()}@example.org`,
  preferredLanguage: `qx-${prefix}`,
  referralOrganisation: marker('ReferralOrganisation'),
  referralNote: marker('ReferralNote'),
  legalStatusNote: marker('LegalStatusNote'),
  notes: marker('CaseNotes'),
  consentNote: marker('ConsentNote'),
  income: '1873.37',
  benefits: '611.29',
  maxRentReason: marker('MaxRentReason'),
  bedroomsOverrideReason: marker('BedroomsOverrideReason'),
  excludedDistrictReason: marker('ExcludedDistrictReason'),
  vulnerabilityDetails: marker('VulnerabilityDetails'),
  assessmentNotes: marker('AssessmentNotes'),
  pauseNote: marker('PauseNote'),
};
const needles = [...Object.values(markers), markers.phone.replace(/\D/g, ''), prefix].map((m) => m.toLowerCase());
/**
 * What the household told other services (in events, so in the outbox too): district codes of
 * its own. Stored in clear, as matching needs them; after erasure they must be gone everywhere.
 */
const districts = { preferred: `PR-${tag}`, excluded: `EX-${tag}` };

/** The markers found in a text (case-insensitive); [] when it is clean. */
function markersIn(value: unknown): string[] {
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).toLowerCase();
  return needles.filter((needle) => text.includes(needle));
}

describe('applicants service: personal data stays where it belongs', () => {
  const env = testEnv('applicants', { APPLICANTS_DATA_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'trace' });
  const logDirectory = join(tmpdir(), `hearth-applicants-privacy-${tag}`);
  const staff = bearer('sra_staff');
  const board = bearer('board_member');
  let applicants: ServiceProcess;
  let http: TestAgent;
  let household: { id: string; reference: string };
  const pseudonymous: { what: string; body: unknown }[] = [];

  const keep = (what: string, body: unknown) => {
    pseudonymous.push({ what, body });
    return body;
  };

  beforeAll(async () => {
    env.PORT = String(await freePort());
    applicants = new ServiceProcess('applicants', env, logDirectory);
    await applicants.start();
    http = request(applicants.url);

    const registration = aHouseholdRegistration()
      .named(markers.fullName)
      .bornOn(markers.dateOfBirth)
      .with('primaryContact.phone', markers.phone)
      .with('primaryContact.email', markers.email)
      .with('primaryContact.preferredLanguage', markers.preferredLanguage)
      .with('referral', { source: 'prison', organisation: markers.referralOrganisation, note: markers.referralNote })
      .withLegalStatus('asylum_seeker', markers.legalStatusNote)
      .withNotes(markers.notes)
      .withMembers(1, 0, [7]);
    const registered = await http.post('/households').set(staff).set('Idempotency-Key', `privacy-${tag}`).send(registration.build()).expect(201);
    household = { id: registered.body.id, reference: registered.body.reference };
    const { id } = household;
    keep('register', registered.body);
    keep('consent', (await http.post(`/households/${id}/consent`).set(staff).send(aConsent().withNote(markers.consentNote).build()).expect(200)).body);
    keep('needs by rule', (await http.put(`/households/${id}/needs`).set(staff).send(someNeeds().rentByRule(Number(markers.income), Number(markers.benefits)).build()).expect(200)).body);
    const needs = someNeeds()
      .rentSetTo(640, markers.maxRentReason)
      .bedroomsOverride(3, markers.bedroomsOverrideReason)
      .excludes(districts.excluded, markers.excludedDistrictReason)
      .prefers(districts.preferred);
    keep('needs set', (await http.put(`/households/${id}/needs`).set(staff).send(needs.build()).expect(200)).body);
    const assessment = anAssessment().livingIn('leaving_institution', new Date().toISOString().slice(0, 10)).homelessFor(9).vulnerable('health', 'domesticViolence');
    keep('assess', (await http.post(`/households/${id}/assessments`).set(staff).send(assessment.withDetails(markers.vulnerabilityDetails, markers.assessmentNotes).build()).expect(201)).body);
    keep('waitlist', (await http.post(`/households/${id}/waitlist`).set(staff).send({}).expect(200)).body);
    keep('pause', (await http.post(`/households/${id}/pause`).set(staff).send({ reason: 'in_treatment', note: markers.pauseNote }).expect(200)).body);
  }, 60_000);

  afterAll(async () => {
    await applicants?.stop();
    await dropDatabase(env.DATABASE_NAME!);
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
    rmSync(logDirectory, { recursive: true, force: true });
  });

  it('shows every marker to staff who read the personal data with a purpose (the markers are real)', async () => {
    const { body } = await http.get(`/households/${household.id}/personal-data?purpose=case_review`).set(staff).expect(200);

    const expected = Object.values(markers).map((m) => m.toLowerCase());
    expect(markersIn(body).filter((m) => expected.includes(m)).sort()).toEqual(expected.filter((m) => m !== markers.income && m !== markers.benefits).sort());
    expect(body.primaryContact).toEqual({ fullName: markers.fullName, dateOfBirth: markers.dateOfBirth, phone: markers.phone, email: markers.email, preferredLanguage: markers.preferredLanguage });
    expect(body.scoreBreakdown).toContainEqual({ factor: 'vulnerability', item: 'domesticViolence', points: 12 });
  });

  it('never shows a marker in staff lists, summaries, the waitlist or any command answer', async () => {
    await http.post(`/households/${household.id}/resume`).set(staff).send({}).expect(200);
    keep('households', (await http.get('/households?limit=100').set(staff).expect(200)).body);
    keep('household', (await http.get(`/households/${household.id}`).set(staff).expect(200)).body);
    keep('waitlist', (await http.get('/waitlist?limit=100').set(staff).expect(200)).body);
    keep('position', (await http.get(`/households/${household.id}/waitlist-position`).set(staff).expect(200)).body);
    keep('access log', (await http.get(`/households/${household.id}/access-log`).set(staff).expect(200)).body);
    keep('policies', (await http.get('/priority-policies').set(staff).expect(200)).body);
    const duplicate = aHouseholdRegistration().named(markers.fullName.toUpperCase()).bornOn(markers.dateOfBirth).withNotes(markers.notes);
    keep('duplicate refused', (await http.post('/households').set(staff).send(duplicate.build()).expect(409)).body);
    const invalid = aHouseholdRegistration().named(markers.fullName).with('primaryContact.email', markers.notes).with('primaryContact.dateOfBirth', markers.legalStatusNote);
    keep('invalid refused', (await http.post('/households').set(staff).send(invalid.build()).expect(400)).body);
    keep('invalid needs refused', (await http.put(`/households/${household.id}/needs`).set(staff).send(someNeeds().excludes('D9', '').build()).expect(400)).body);

    for (const { what, body } of pseudonymous) expect({ what, markers: markersIn(body) }).toEqual({ what, markers: [] });
    expect(pseudonymous.length).toBeGreaterThanOrEqual(15);
  });

  it('never shows a marker, an id or a caseworker in any board view', async () => {
    await http.post(`/board/households/${household.reference}/decisions`).set(board).send({ kind: 'urgent', justification: 'Leaves prison this week with nowhere to go' }).expect(201);
    const views = {
      waitlist: (await http.get('/board/waitlist?limit=100').set(board).expect(200)).body,
      household: (await http.get(`/board/households/${household.reference}`).set(board).expect(200)).body,
      decisions: (await http.get('/board/decisions').set(board).expect(200)).body,
      statistics: (await http.get('/board/statistics').set(board).expect(200)).body,
    };

    for (const [what, body] of Object.entries(views)) expect({ what, markers: markersIn(body) }).toEqual({ what, markers: [] });
    expect(views.waitlist.items.map((e: { reference: string }) => e.reference)).toContain(household.reference);
    // The breakdown reveals vulnerability factors: each board read of it is in the access log.
    expect(views.household.scoreBreakdown).toContainEqual({ factor: 'vulnerability', item: 'domesticViolence', points: 12 });
    const { body: accessLog } = await http.get(`/households/${household.id}/access-log`).set(staff).expect(200);
    const boardReads = accessLog.items.filter((entry: { access: string }) => entry.access === 'score_breakdown');
    expect(boardReads).toHaveLength(2);
    expect(boardReads.map((entry: Record<string, unknown>) => [entry.actorRole, entry.purpose])).toEqual([
      ['board_member', 'board_review'],
      ['board_member', 'board_review'],
    ]);
    expect(JSON.stringify(views.waitlist)).not.toContain(household.id);
    expect(JSON.stringify(views.household)).not.toMatch(/caseworker|householdId|preferred|excluded|maxRent/i);
  });

  it('never puts a marker in any event on hearth.applicants', async () => {
    await waitForEvents(Topics.applicants, household.id, ['ApplicantRegistered', 'ConsentGiven', 'ApplicantAssessed', 'ApplicantWaitlisted', 'ApplicantPaused', 'ApplicantResumed', 'ApplicantNeedsChanged']);

    const messages = await readTopic(Topics.applicants);

    expect(messages.length).toBeGreaterThan(6);
    for (const message of messages) expect(markersIn({ value: message.value, headers: message.headers, key: message.key })).toEqual([]);
  });

  it('never writes a marker to the service’s logs, at trace level', async () => {
    const log = await eventually(() => {
      const text = readFileSync(join(logDirectory, 'applicants.log'), 'utf8');
      expect(text).toContain(`/households/${household.id}/personal-data`);
      return text;
    });

    expect(log.split('\n').filter((line) => line.includes('"level"')).length).toBeGreaterThan(20);
    expect(log).toContain('outbox relay');
    expect(markersIn(log)).toEqual([]);
  });

  it('keeps every marker out of the database in clear: all of it is encrypted at rest', async () => {
    const tables = await queryDatabase<{ table_name: string }>(env.DATABASE_NAME!, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['households', 'consents', 'assessments', 'outbox', 'idempotency_keys', 'access_log']));

    for (const { table_name } of tables) {
      const [dump] = await queryDatabase<{ rows: string | null }>(env.DATABASE_NAME!, `SELECT json_agg(t)::text AS rows FROM "${table_name}" t`);
      expect({ table: table_name, markers: markersIn(dump.rows ?? '') }).toEqual({ table: table_name, markers: [] });
    }
  });

  it('exports everything held (itself logged), then erases the personal data, keeps the counts and tells other services', async () => {
    const exported = await http.get(`/households/${household.id}/export?purpose=data_subject_request`).set(staff).expect(200);
    expect(markersIn(exported.body)).toEqual(expect.arrayContaining([markers.fullName.toLowerCase(), markers.vulnerabilityDetails.toLowerCase(), markers.consentNote.toLowerCase()]));
    expect(exported.body.history.map((e: { type: string }) => e.type)).toContain('ApplicantWaitlisted');
    expect(exported.body.accessLog.map((e: { access: string }) => e.access)).toEqual(['personal_data', 'score_breakdown', 'score_breakdown', 'export']);
    const everything = async () => {
      const tables = await queryDatabase<{ table_name: string }>(env.DATABASE_NAME!, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
      const dumps = await Promise.all(tables.map(({ table_name }) => queryDatabase<{ rows: string | null }>(env.DATABASE_NAME!, `SELECT json_agg(t)::text AS rows FROM "${table_name}" t`)));
      return dumps.map(([dump]) => dump.rows ?? '').join('\n');
    };
    // What the household told other services is in the outbox's copies of its events, until erasure.
    expect(await everything()).toContain(districts.excluded);

    await http.post(`/households/${household.id}/waitlist`).set(staff).send({}).expect(409);
    const erased = await http.post(`/households/${household.id}/erasure`).set(staff).send({ basis: 'data_subject_request' }).expect(200);

    expect(erased.body).toMatchObject({ status: 'exited', erased: true });
    const gone = await http.get(`/households/${household.id}/personal-data?purpose=data_subject_request`).set(staff).expect(410);
    expect(gone.body.code).toBe('HOUSEHOLD.ERASED');
    const afterwards = await http.get(`/households/${household.id}/export?purpose=data_subject_request`).set(staff).expect(200);
    expect(markersIn(afterwards.body)).toEqual([]);
    const [row] = await queryDatabase<Record<string, unknown>>(
      env.DATABASE_NAME!,
      `SELECT personal_encrypted, needs_encrypted, duplicate_key, priority_breakdown_encrypted, household_size, programme,
              (SELECT count(*)::int FROM assessments WHERE household_id = h.id AND details_encrypted IS NOT NULL) AS readable_assessments
         FROM households h WHERE id = $1`,
      [household.id],
    );
    expect(row).toEqual({
      personal_encrypted: null,
      needs_encrypted: null,
      duplicate_key: null,
      priority_breakdown_encrypted: null,
      household_size: 2,
      programme: 'housing_first',
      readable_assessments: 0,
    });
    const text = await everything();
    expect([text.includes(districts.preferred), text.includes(districts.excluded)]).toEqual([false, false]);
    const outbox = await queryDatabase<{ event_type: string; payload: unknown }>(env.DATABASE_NAME!, `SELECT event_type, envelope->'payload' AS payload FROM outbox WHERE message_key = $1 ORDER BY seq`, [
      household.id,
    ]);
    expect(outbox.length).toBeGreaterThan(6);
    for (const { event_type, payload } of outbox.slice(0, -1)) expect({ event_type, payload }).toEqual({ event_type, payload: { householdId: household.id, reference: household.reference, erased: true } });
    expect(outbox.at(-1)!.event_type).toBe('ApplicantErased');
    const [remembered] = await queryDatabase<{ body: unknown }>(env.DATABASE_NAME!, 'SELECT body FROM idempotency_keys WHERE key = $1', [`privacy-${tag}`]);
    expect(remembered.body).toEqual({ erased: true });
    const [event] = (await waitForEvents(Topics.applicants, household.id, ['ApplicantErased'])).filter((e) => e.type === 'ApplicantErased');
    expect(event.payload).toEqual({ householdId: household.id, reference: household.reference, status: 'exited', erasedOn: new Date().toISOString().slice(0, 10) });
    const stats = await http.get('/board/statistics').set(board).expect(200);
    expect(stats.body.households.erased).toBe(1);
    const again = aHouseholdRegistration().named(markers.fullName).bornOn(markers.dateOfBirth);
    await http.post('/households').set(staff).send(again.build()).expect(201);
  });
});
