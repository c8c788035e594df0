import { Role } from '@hearth/auth';
import { aConsent, aHouseholdRegistration, anAssessment, aPriorityPolicy, bearer, queryDatabase, someNeeds, TestApp } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { databaseSnapshot, HouseholdJourney, staff, startApplicants } from './support';

interface AccessLogRow {
  household_id: string;
  actor_id: string;
  actor_role: string;
  purpose: string;
  access: string;
  correlation_id: string | null;
}

describe('applicants service: who may see and do what', () => {
  let service: TestApp;
  let journey: HouseholdJourney;
  const caseworkerId = `cw-${randomUUID()}`;
  const caseworker = bearer('caseworker', { sub: caseworkerId });
  const otherCaseworker = bearer('caseworker', { sub: `cw-${randomUUID()}` });
  const board = bearer('board_member');
  let own: { id: string; reference: string };
  let others: { id: string; reference: string };

  beforeAll(async () => {
    ({ service } = await startApplicants());
    journey = new HouseholdJourney(service);
    own = await journey.waitlisted({ as: caseworker });
    others = await journey.waitlisted({ as: otherCaseworker });
  });

  afterAll(() => service?.close());

  const accessLog = (householdId: string) =>
    queryDatabase<AccessLogRow>(service.database, 'SELECT * FROM access_log WHERE household_id = $1 ORDER BY id', [householdId]);
  /** Reads of the personal data itself (other tests' board views read score breakdowns too). */
  const personalDataReads = async (householdId: string) => (await accessLog(householdId)).filter((row) => row.access !== 'score_breakdown');

  /** Every route of the service, with a body that would be valid. */
  const routes = () => [
    ['post', '/households', aHouseholdRegistration().build()],
    ['get', '/households', undefined],
    ['get', `/households/${own.id}`, undefined],
    ['get', `/households/${own.id}/personal-data?purpose=case_review`, undefined],
    ['get', `/households/${own.id}/export?purpose=data_subject_request`, undefined],
    ['get', `/households/${own.id}/access-log`, undefined],
    ['post', `/households/${own.id}/consent`, aConsent().build()],
    ['post', `/households/${own.id}/consent/withdraw`, {}],
    ['put', `/households/${own.id}/needs`, someNeeds().build()],
    ['post', `/households/${own.id}/assessments`, anAssessment().build()],
    ['post', `/households/${own.id}/waitlist`, {}],
    ['post', `/households/${own.id}/pause`, { reason: 'in_treatment' }],
    ['post', `/households/${own.id}/resume`, {}],
    ['post', `/households/${own.id}/withdraw`, { reason: 'moved_away' }],
    ['post', `/households/${own.id}/exit`, { reason: 'moved_away' }],
    ['post', `/households/${own.id}/erasure`, { basis: 'data_subject_request' }],
    ['put', `/households/${own.id}/caseworker`, { caseworkerId: 'someone' }],
    ['get', `/households/${own.id}/waitlist-position`, undefined],
    ['get', `/caseworkers/${caseworkerId}/caseload`, undefined],
    ['get', '/waitlist', undefined],
    ['get', '/priority-policies', undefined],
    ['post', '/priority-policies', aPriorityPolicy().build()],
    ['get', '/priority-policies/2/rescoring', undefined],
    ['post', '/priority-policies/preview', { weights: aPriorityPolicy().build().weights }],
    ['get', '/board/waitlist', undefined],
    ['get', `/board/households/${own.reference}`, undefined],
    ['post', `/board/households/${own.reference}/decisions`, { kind: 'urgent', justification: 'sleeping rough in winter' }],
    ['post', `/board/decisions/${randomUUID()}/reversal`, { justification: 'circumstances changed' }],
    ['get', '/board/decisions', undefined],
    ['get', '/board/statistics', undefined],
  ] as const;

  const call = (method: 'get' | 'post' | 'put', path: string, body: unknown, as: { Authorization: string }) => {
    const request = service.http[method](path).set(as);
    return body === undefined ? request : request.send(body as object);
  };

  describe('deny by default', () => {
    it.each<Role>(['landlord', 'inspector'])('refuses the %s role on every route (403), writing nothing', async (role) => {
      const before = await databaseSnapshot(service.database);

      for (const [method, path, body] of routes()) {
        const response = await call(method, path, body, bearer(role));
        expect({ route: `${method} ${path}`, status: response.status }).toEqual({ route: `${method} ${path}`, status: 403 });
      }

      expect(await databaseSnapshot(service.database)).toEqual(before);
    });

    it('refuses every route without a token (401)', async () => {
      for (const [method, path, body] of routes()) {
        const response = await service.http[method](path).send(body as object);
        expect({ route: `${method} ${path}`, status: response.status }).toEqual({ route: `${method} ${path}`, status: 401 });
      }
    });
  });

  it('documents every route in OpenAPI (/docs-json), with the DTOs described', async () => {
    const { body } = await service.http.get('/docs-json').expect(200);

    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path !== '/health' && path !== '/metrics' && !path.startsWith('/admin/')) // the platform's own
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(documented).toHaveLength(routes().length);
    expect(documented).toEqual(expect.arrayContaining(['post /households', 'get /households/{householdId}/personal-data', 'get /priority-policies/{version}/rescoring']));
    expect(body.components.schemas.RegisterHouseholdDto.properties.primaryContact.properties.fullName.description).toMatch(/encrypted/);
  });

  describe('board members see households only pseudonymised', () => {
    it('refuses them every household and personal-data endpoint (403)', async () => {
      const personal = routes().filter(([, path]) => path.startsWith('/households') || path.startsWith('/caseworkers') || path === '/waitlist');

      for (const [method, path, body] of personal) {
        const response = await call(method, path, body, board);
        expect({ route: `${method} ${path}`, status: response.status }).toEqual({ route: `${method} ${path}`, status: 403 });
      }
    });

    it('lets them read the board views and the policies', async () => {
      for (const path of ['/board/waitlist', `/board/households/${own.reference}`, '/board/decisions', '/board/statistics', '/priority-policies']) {
        await service.http.get(path).set(board).expect(200);
      }
    });

    it('reserves board decisions and policy publishing to board members (staff and caseworkers 403)', async () => {
      for (const as of [staff, caseworker]) {
        await service.http.post('/priority-policies').set(as).send(aPriorityPolicy().build()).expect(403);
        await service.http.post(`/board/households/${own.reference}/decisions`).set(as).send({ kind: 'urgent', justification: 'sleeping rough in winter' }).expect(403);
      }
    });
  });

  describe('caseworkers see their own caseload only', () => {
    it('shows a caseworker their household and treats another caseload’s as missing (404), writing nothing', async () => {
      await service.http.get(`/households/${own.id}`).set(caseworker).expect(200);
      await service.http.get(`/households/${own.id}/waitlist-position`).set(caseworker).expect(200);
      const before = await databaseSnapshot(service.database);

      const attempts = [
        service.http.get(`/households/${others.id}`).set(caseworker),
        service.http.get(`/households/${others.id}/personal-data?purpose=case_review`).set(caseworker),
        service.http.get(`/households/${others.id}/waitlist-position`).set(caseworker),
        service.http.put(`/households/${others.id}/needs`).set(caseworker).send(someNeeds().build()),
        service.http.post(`/households/${others.id}/consent`).set(caseworker).send(aConsent().build()),
        service.http.post(`/households/${others.id}/assessments`).set(caseworker).send(anAssessment().build()),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('HOUSEHOLD.NOT_FOUND');
      }
      expect(await databaseSnapshot(service.database)).toEqual(before);
      expect(await personalDataReads(others.id)).toEqual([]);
    });

    it('lists only the caseworker’s own households and waitlist entries', async () => {
      const households = await service.http.get('/households?limit=100').set(caseworker).expect(200);
      const waitlist = await service.http.get('/waitlist?limit=100').set(caseworker).expect(200);

      expect(households.body.items.map((h: { id: string }) => h.id)).toEqual([own.id]);
      expect(waitlist.body.items.map((h: { householdId: string }) => h.householdId)).toEqual([own.id]);
    });

    it('hides another caseworker’s caseload figures (404)', async () => {
      await service.http.get(`/caseworkers/${caseworkerId}/caseload`).set(caseworker).expect(200);
      await service.http.get(`/caseworkers/${caseworkerId}/caseload`).set(otherCaseworker).expect(404);
    });

    it.each([
      ['waitlist', 'post', 'waitlist', {}],
      ['export', 'get', 'export?purpose=data_subject_request', undefined],
      ['erase', 'post', 'erasure', { basis: 'data_subject_request' }],
      ['read the access log of', 'get', 'access-log', undefined],
      ['reassign', 'put', 'caseworker', { caseworkerId: 'someone-else' }],
    ] as const)('does not let a caseworker %s even their own household (403)', async (_case, method, path, body) => {
      const response = await call(method, `/households/${own.id}/${path}`, body, caseworker);

      expect(response.status).toBe(403);
    });
  });

  describe('every read of personal data is logged with who, role, when and why', () => {
    it('writes an access-log row for a caseworker’s and a staff member’s read, with the purpose from the query or the header', async () => {
      const staffId = `staff-${randomUUID()}`;

      await service.http.get(`/households/${own.id}/personal-data?purpose=case_review`).set(caseworker).set('x-correlation-id', 'read-1').expect(200);
      await service.http.get(`/households/${own.id}/personal-data`).set(bearer('sra_staff', { sub: staffId })).set('X-Access-Purpose', 'offer_preparation').expect(200);

      const rows = await personalDataReads(own.id);
      expect(rows.map(({ actor_id, actor_role, purpose, access }) => ({ actor_id, actor_role, purpose, access }))).toEqual([
        { actor_id: caseworkerId, actor_role: 'caseworker', purpose: 'case_review', access: 'personal_data' },
        { actor_id: staffId, actor_role: 'sra_staff', purpose: 'offer_preparation', access: 'personal_data' },
      ]);
      expect(rows[0].correlation_id).toBe('read-1');
      const log = await service.http.get(`/households/${own.id}/access-log`).set(staff).expect(200);
      expect(log.body.total).toBe((await accessLog(own.id)).length);
      expect(log.body.items[0]).toMatchObject({ actorId: staffId, purpose: 'offer_preparation', access: 'personal_data', accessedAt: expect.any(String) });
    });

    it.each([
      ['without a purpose', ''],
      ['with an unknown purpose', '?purpose=curiosity'],
    ])('refuses a personal-data read %s (400 naming purpose) and logs nothing', async (_case, query) => {
      const { id } = await journey.registered();

      const response = await service.http.get(`/households/${id}/personal-data${query}`).set(staff).expect(400);

      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'purpose' })]);
      expect(await accessLog(id)).toEqual([]);
    });

    it('logs an export as an export, and shows it in the export itself', async () => {
      const { id } = await journey.registered();

      const { body } = await service.http.get(`/households/${id}/export?purpose=data_subject_request`).set(staff).expect(200);

      expect(body.accessLog).toEqual([expect.objectContaining({ access: 'export', purpose: 'data_subject_request' })]);
      expect((await accessLog(id)).map((r) => r.access)).toEqual(['export']);
    });

    it('writes no access-log rows for pseudonymised reads (summaries, lists)', async () => {
      const { id } = await journey.waitlisted({ registration: aHouseholdRegistration().forProgramme('housing_led') });

      await service.http.get(`/households/${id}`).set(staff).expect(200);
      await service.http.get('/households').set(staff).expect(200);
      await service.http.get('/waitlist').set(staff).expect(200);

      expect(await accessLog(id)).toEqual([]);
    });

    it('logs each board read of a household’s score breakdown (it reveals vulnerability factors), in the view and on the waitlist page', async () => {
      const { id, reference } = await journey.waitlisted({ registration: aHouseholdRegistration().forProgramme('housing_led') });
      const memberId = `board-${randomUUID()}`;
      const member = bearer('board_member', { sub: memberId });

      const { body: view } = await service.http.get(`/board/households/${reference}`).set(member).set('x-correlation-id', 'board-read-1').expect(200);
      const { body: page } = await service.http.get('/board/waitlist?limit=100&programme=housing_led').set(member).expect(200);

      expect(view.scoreBreakdown.length).toBeGreaterThan(0);
      expect(page.items.map((item: { reference: string }) => item.reference)).toContain(reference);
      const rows = await accessLog(id);
      expect(rows.map(({ actor_id, actor_role, purpose, access }) => ({ actor_id, actor_role, purpose, access }))).toEqual([
        { actor_id: memberId, actor_role: 'board_member', purpose: 'board_review', access: 'score_breakdown' },
        { actor_id: memberId, actor_role: 'board_member', purpose: 'board_review', access: 'score_breakdown' },
      ]);
      expect(rows[0].correlation_id).toBe('board-read-1');
    });
  });
});
