import { aConsent, aHouseholdRegistration, anAssessment, aPriorityPolicy, bearer, fuzzOpenApi, fuzzTotals, undocumentedResponses, someNeeds, TestApp } from '@hearth/testing';
import { HouseholdJourney, staff, startApplicants } from './support';

const board = bearer('board_member');
const admin = bearer('sra_admin');

/** Every operation of the applicants API, fuzzed from its OpenAPI document: never a 5xx, problem+json on every 4xx, nothing written on a 4xx. */
describe('applicants: fuzzing every endpoint from the OpenAPI document', () => {
  let service: TestApp;
  let households: { id: string; reference: string }[];

  beforeAll(async () => {
    ({ service } = await startApplicants());
    const journey = new HouseholdJourney(service);
    households = [await journey.waitlisted(), await journey.waitlisted(), await journey.registered(), await journey.registered()];
  });

  afterAll(() => service?.close());

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const report = await fuzzOpenApi(service, {
      service: 'applicants',
      // The board's decisions and policies are the board's to make; everything else is staff's.
      headers: (operation) => (operation.includes(' /admin/') ? admin : /^POST \/(board|priority-policies)/.test(operation) ? board : staff),
      // A published policy re-scores the waitlist in the background (households' priorities, the policy's completion).
      rowCountOnly: ['households', 'priority_policies'],
      knownValues: {
        id: households.map((h) => h.id),
        householdId: households.map((h) => h.id),
        reference: households.map((h) => h.reference),
        version: ['1'],
      },
      examples: {
        'POST /households': aHouseholdRegistration().build(),
        'POST /households/{householdId}/consent': aConsent().build(),
        'PUT /households/{householdId}/needs': someNeeds().with('preferredDistricts', ['bxl-c']).with('excludedDistricts', [{ district: 'BXL-1', reason: 'safety' }]).build(),
        'POST /households/{householdId}/assessments': anAssessment().build(),
        'POST /households/{householdId}/pause': { reason: 'temporarily_unreachable', note: 'Phone off for a week' },
        'PUT /households/{householdId}/caseworker': { caseworkerId: 'caseworker-fuzz' },
        'POST /priority-policies': aPriorityPolicy().build(),
        'POST /board/households/{reference}/decisions': { kind: 'priority_adjustment', points: 2.5, justification: 'Medical situation worsened this month' },
      },
    });

    console.log(fuzzTotals(report));
    expect(report.findings).toEqual([]);
    expect(report.serverErrors).toBe(0);
  }, 180_000);

  it('documents a success response and problem+json error responses for every operation', async () => {
    const { body: document } = await service.http.get('/docs-json').expect(200);

    expect(undocumentedResponses(document)).toEqual([]);
  });
});
