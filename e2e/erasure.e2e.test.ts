import { Topics } from '@hearth/contracts';
import { aConsent, aHouseholdRegistration, anAssessment, aUnit, bearer, eventually, queryDatabase, someNeeds, waitForEvents } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { client, Client, passInitialInspection, Platform, submittedFlat } from './support';

const staff = bearer('sra_staff');
const board = bearer('board_member');
const INSPECTOR_ID = 'inspector-e2e-erasure';

const tag = randomBytes(3).toString('hex').toUpperCase();
/** Planted in everything the household leaves behind, in every service it reaches. */
const markers = {
  name: `Erasure${tag} Okafor`,
  notes: `CaseNotes${tag}`,
  excludedReason: `ExcludedBecause${tag}`,
  preferredDistrict: `PR-${tag}`,
  excludedDistrict: `EX-${tag}`,
  offerJustification: `OfferJustification${tag}`,
  withdrawalNote: `WithdrawalNote${tag}`,
};
const DISTRICT = `E2E-${tag}`;

/** "database.table: marker" for every marker found in any row of any table of any service's database. */
async function markersLeft(platform: Platform): Promise<string[]> {
  const found: string[] = [];
  for (const [service, database] of platform.databases) {
    const tables = await queryDatabase<{ table_name: string }>(database, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    for (const { table_name } of tables) {
      const [{ rows }] = await queryDatabase<{ rows: string | null }>(database, `SELECT json_agg(t)::text AS rows FROM "${table_name}" t`);
      for (const marker of Object.values(markers)) if ((rows ?? '').toLowerCase().includes(marker.toLowerCase())) found.push(`${service}.${table_name}: ${marker}`);
    }
  }
  return found.sort();
}

/**
 * Erasure reaches everything a household left behind, in every service: a household whose
 * district codes, notes and offer texts carry markers is waitlisted, shortlisted, allocated in a
 * run (census), offered and withdrawn; then erased. Every table of every service's database is
 * searched for the markers before (they are there) and after (they are gone).
 */
describe('erasure across every service', () => {
  const platform = new Platform();
  let landlords: Client, units: Client, inspections: Client, applicants: Client, matching: Client;

  beforeAll(async () => {
    await platform.start(['landlords', 'units', 'inspections', 'applicants', 'matching']);
    const at = (name: Parameters<Platform['service']>[0], headers = staff) => client(platform.service(name).url, headers);
    [landlords, units, inspections, applicants, matching] = [at('landlords'), at('units'), at('inspections'), at('applicants'), at('matching')];
  }, 240_000);

  afterAll(() => platform.stop());

  it('leaves no trace of an erased household in any service’s database', async () => {
    const { unitId } = await submittedFlat(landlords, units, (landlordId) => aUnit().forLandlord(landlordId).withDistrict(DISTRICT).withBedrooms(3).with('maxOccupants', 6).withRent(987.5).build());
    const registration = aHouseholdRegistration().named(markers.name).withNotes(markers.notes).withMembers(2, 0, [5, 9]);
    const { body: household } = await applicants.post('/households', registration.build());
    await applicants.post(`/households/${household.id}/consent`, aConsent().build());
    const needs = someNeeds().prefers(DISTRICT, markers.preferredDistrict).excludes(markers.excludedDistrict, markers.excludedReason).rentSetTo(1_100).bedroomsOverride(3, 'two children');
    expect((await applicants.put(`/households/${household.id}/needs`, needs.build())).status).toBe(200);
    await applicants.post(`/households/${household.id}/assessments`, anAssessment().build());
    expect((await applicants.post(`/households/${household.id}/waitlist`)).status).toBe(200);
    await eventually(async () => {
      const known = await queryDatabase(platform.databases.get('matching')!, 'SELECT 1 FROM waitlisted_households WHERE household_id = $1', [household.id]);
      expect(known).toHaveLength(1);
    }, 90_000);

    await passInitialInspection(platform, inspections, unitId, INSPECTOR_ID);
    await eventually(async () => {
      const { body } = await matching.get(`/units/${unitId}/shortlist`);
      expect(body.entries.map((entry: { householdId: string }) => entry.householdId)).toContain(household.id);
    }, 90_000);
    const { body: run } = await client(platform.service('matching').url, board).post('/allocation-runs', { mode: 'optimal', units: [unitId] });
    await eventually(async () => expect((await matching.get(`/allocation-runs/${run.id}`)).body.status).toBe('awaiting_approval'), 60_000);
    const { body: offer } = await matching.post('/offers', { unitId, householdId: household.id, justification: markers.offerJustification });
    expect((await matching.post(`/offers/${offer.id}/withdraw`, { reason: 'error_in_offer', note: markers.withdrawalNote })).status).toBe(200);

    const before = await markersLeft(platform);
    // The markers are really there: districts in both services, offer texts and the census in matching.
    expect(before).toEqual(
      expect.arrayContaining([
        `applicants.outbox: ${markers.excludedDistrict}`,
        `matching.waitlisted_households: ${markers.excludedDistrict}`,
        `matching.allocation_run_census: ${markers.preferredDistrict}`,
        `matching.offers: ${markers.offerJustification}`,
        `matching.offers: ${markers.withdrawalNote}`,
      ]),
    );

    expect((await applicants.post(`/households/${household.id}/erasure`, { basis: 'data_subject_request' })).status).toBe(200);
    const [erased] = (await waitForEvents(Topics.applicants, household.id, ['ApplicantErased'])).filter((event) => event.type === 'ApplicantErased');
    await eventually(async () => {
      const applied = await queryDatabase(platform.databases.get('matching')!, 'SELECT 1 FROM inbox WHERE event_id = $1', [erased.id]);
      expect(applied).toHaveLength(1);
    }, 90_000);

    expect(await markersLeft(platform)).toEqual([]);
    const { body: shortlist } = await matching.get(`/units/${unitId}/shortlist`);
    expect(JSON.stringify(shortlist)).not.toContain(household.id);
    const { body: verification } = await matching.post(`/allocation-runs/${run.id}/verify`, {});
    expect(verification).toMatchObject({ valid: true });
  }, 400_000);
});
