import { Topics } from '@hearth/contracts';
import { Applicant, shortlist, Unit } from '@hearth/matching-engine';
import {
  aConsent,
  aHouseholdRegistration,
  anAssessment,
  aUnit,
  bearer,
  eventually,
  queryDatabase,
  someNeeds,
  waitForEvents,
} from '@hearth/testing';
import { client, Client, passInitialInspection, Platform, submittedFlat } from './support';

const staff = bearer('sra_staff');
const INSPECTOR_ID = 'inspector-e2e-offers';
const OFFER_RESPONSE_MS = 4_000;
const CASEWORKER_ID = 'caseworker-e2e-offers';

/**
 * Other suites share the test broker, so matching also hears their households. A four-bedroom
 * flat at an unusual rent is out of reach of theirs (small households on benefit-based budgets),
 * which keeps this story's shortlist to its own three families.
 */
const bigFamilyFlat = () => aUnit().withDistrict('BXL-C').withBedrooms(4).with('maxOccupants', 8).with('floorArea', 112).withRent(1_234.5);

/**
 * The allocation officer's day across all five services as separate processes: a flat passes
 * inspection, three households wait, the shortlist ranks them as the engine does, the first
 * declines, the second lets the offer lapse, the third accepts.
 */
describe('from an inspected flat to an accepted offer', () => {
  const platform = new Platform();
  let landlords: Client, units: Client, inspections: Client, applicants: Client, matching: Client;

  beforeAll(async () => {
    await platform.start(['landlords', 'units', 'inspections', 'applicants', 'matching'], {
      matching: { OFFER_RESPONSE_MS: String(OFFER_RESPONSE_MS), AUTO_PROPOSE_NEXT: 'true' },
    });
    const at = (name: Parameters<Platform['service']>[0], headers = staff) => client(platform.service(name).url, headers);
    [landlords, units, inspections, applicants, matching] = [at('landlords'), at('units'), at('inspections'), at('applicants'), at('matching')];
  }, 120_000);

  afterAll(() => platform.stop());

  const submitted = () => submittedFlat(landlords, units, (landlordId) => bigFamilyFlat().forLandlord(landlordId).build());

  async function waitlistedHousehold(livingSituation: string, monthsHomeless: number): Promise<{ id: string; reference: string }> {
    const { body: household } = await applicants.post('/households', aHouseholdRegistration().withMembers(2, 1, [4, 7, 9, 12]).build());
    await applicants.post(`/households/${household.id}/consent`, aConsent().build());
    await applicants.put(
      `/households/${household.id}/needs`,
      someNeeds().prefers('BXL-C').rentSetTo(1_300).bedroomsOverride(4, 'four children of different ages').build(),
    );
    await applicants.post(`/households/${household.id}/assessments`, anAssessment().livingIn(livingSituation).homelessFor(monthsHomeless).build());
    expect((await applicants.put(`/households/${household.id}/caseworker`, { caseworkerId: CASEWORKER_ID })).status).toBe(200);
    expect((await applicants.post(`/households/${household.id}/waitlist`)).status).toBe(200);
    return { id: household.id, reference: household.reference };
  }

  const householdStatus = async (id: string) => (await applicants.get(`/households/${id}`)).body.status;
  const offersFor = async (unitId: string, status: string) => (await matching.get(`/offers?unitId=${unitId}&status=${status}`)).body.items;

  it('declined, lapsed, accepted: the flat ends reserved and every household where it should be', async () => {
    const { unitId } = await submitted();
    const households = [
      await waitlistedHousehold('rough_sleeping', 30),
      await waitlistedHousehold('emergency_shelter', 12),
      await waitlistedHousehold('temporary_accommodation', 2),
    ];
    // Matching hears the households over Kafka (behind every other suite's events on the shared broker).
    await eventually(async () => {
      const known = await queryDatabase(platform.databases.get('matching')!, 'SELECT household_id FROM waitlisted_households WHERE household_id = ANY($1)', [
        households.map((h) => h.id),
      ]);
      expect(known).toHaveLength(3);
    }, 90_000);

    await passInitialInspection(platform, inspections, unitId, INSPECTOR_ID);
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('available'), 60_000);

    // The stored shortlist, computed when the flat became available, ranks as the engine does.
    const stored = await eventually(async () => {
      const { body } = await matching.get(`/units/${unitId}/shortlist`);
      expect(body.entries.map((e: { householdId: string }) => e.householdId).sort()).toEqual(households.map((h) => h.id).sort());
      return body;
    }, 60_000);
    const { body: flat } = await units.get(`/units/${unitId}`);
    const engineUnit: Unit = { ...flat, id: flat.id, district: flat.districtCode };
    const { body: waitlist } = await applicants.get('/waitlist?limit=100');
    const pool: Applicant[] = waitlist.items
      .filter((h: { householdId: string }) => households.some((ours) => ours.id === h.householdId))
      .map((h: Record<string, never>) => ({ ...h, id: h.householdId }));
    const expected = shortlist(engineUnit, pool, stored.policy, 10).map((entry) => entry.applicantId);
    expect(stored.entries.map((e: { householdId: string }) => e.householdId)).toEqual(expected);
    const [first, second, third] = expected;

    // First on the list: offered, declines for a household reason.
    const { body: proposed } = await matching.post('/offers', { unitId, householdId: first });
    expect((await matching.post(`/offers/${proposed.id}/make`)).status).toBe(200);
    await eventually(async () => expect(await householdStatus(first)).toBe('offered'), 60_000);
    expect((await matching.post(`/offers/${proposed.id}/decline`, { reason: 'household.too_far_from_support' })).status).toBe(200);
    await eventually(async () => expect(await householdStatus(first)).toBe('waitlisted'), 60_000);

    // The next one is proposed automatically; offered, it lapses.
    const [secondOffer] = await eventually(async () => {
      const offers = await offersFor(unitId, 'proposed');
      expect(offers).toEqual([expect.objectContaining({ householdId: second, source: 'next_on_shortlist' })]);
      return offers;
    }, 60_000);
    expect((await matching.post(`/offers/${secondOffer.id}/make`)).status).toBe(200);
    await eventually(async () => expect(await householdStatus(second)).toBe('offered'), 60_000);
    await eventually(async () => expect((await matching.get(`/offers/${secondOffer.id}`)).body.status).toBe('expired'), OFFER_RESPONSE_MS + 30_000);
    await eventually(async () => expect(await householdStatus(second)).toBe('waitlisted'), 60_000);

    // The third accepts, answered by its caseworker (another caseworker could not even see the offer).
    const [thirdOffer] = await eventually(async () => {
      const offers = await offersFor(unitId, 'proposed');
      expect(offers).toEqual([expect.objectContaining({ householdId: third })]);
      return offers;
    }, 60_000);
    expect((await matching.post(`/offers/${thirdOffer.id}/make`)).status).toBe(200);
    expect((await client(platform.service('matching').url, bearer('caseworker')).post(`/offers/${thirdOffer.id}/accept`)).status).toBe(404);
    const caseworker = client(platform.service('matching').url, bearer('caseworker', { sub: CASEWORKER_ID }));
    expect((await caseworker.post(`/offers/${thirdOffer.id}/accept`)).status).toBe(200);

    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('reserved'), 60_000);
    await waitForEvents(Topics.units, unitId, ['UnitBecameAvailable', 'UnitReserved']);
    await eventually(async () => expect((await matching.get(`/units/${unitId}/status`)).body.status).toBe('reserved'), 60_000);
    expect(await householdStatus(third)).toBe('offered');
    expect(await householdStatus(first)).toBe('waitlisted');
    expect(await householdStatus(second)).toBe('waitlisted');
    const priorities = (await applicants.get('/waitlist?limit=100')).body.items.filter((h: { householdId: string }) => [first, second].includes(h.householdId));
    expect(priorities.map((h: { priority: number }) => h.priority).sort()).toEqual(pool.filter((h) => [first, second].includes(h.id)).map((h) => h.priority).sort());
  }, 400_000);
});
