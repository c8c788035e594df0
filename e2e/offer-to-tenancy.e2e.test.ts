import { Topics } from '@hearth/contracts';
import { aConsent, aHouseholdRegistration, anAssessment, aUnit, bearer, eventually, queryDatabase, someNeeds, waitForEvents } from '@hearth/testing';
import { client, Client, passInitialInspection, passInspection, Platform, submittedFlat } from './support';

const staff = bearer('sra_staff');
const INSPECTOR_ID = 'inspector-e2e-tenancy';
/** The leases service's calendar date: within the agreement (2027-01-01 to 2033-12-31) the test builder signs. */
const TODAY = '2027-01-15';

/** A flat at a rent no other suite uses, sized for this story's family only. */
const familyFlat = () => aUnit().withDistrict('BXL-C').withBedrooms(4).with('maxOccupants', 8).with('floorArea', 118).withRent(1_111.1);

/**
 * From an accepted offer to a household at home, across six services as separate processes: the
 * offer accepted opens a tenancy draft in leases, staff complete and sign it, it starts on its start
 * date (a job), and the flat becomes `let` in units and the household `housed` in applicants —
 * while the owner is owed the guaranteed rent from the day the flat entered the scheme. Then the
 * household gives notice: the flat is vacating, its move-out inspection is requested, and once the
 * inspector has been, the flat is available for the next household again.
 */
describe('from an accepted offer to a household housed', () => {
  const platform = new Platform();
  let landlords: Client, units: Client, inspections: Client, applicants: Client, matching: Client, leases: Client;

  beforeAll(async () => {
    await platform.start(['landlords', 'units', 'inspections', 'applicants', 'matching', 'leases'], { leases: { LEASES_TODAY: TODAY } });
    const at = (name: Parameters<Platform['service']>[0], headers = staff) => client(platform.service(name).url, headers);
    [landlords, units, inspections, applicants, matching, leases] = [at('landlords'), at('units'), at('inspections'), at('applicants'), at('matching'), at('leases')];
  }, 240_000);

  afterAll(() => platform.stop());

  it('accepted offer → tenancy signed → active → flat let, household housed → notice → move-out inspection → flat available', async () => {
    const { unitId, landlordId } = await submittedFlat(landlords, units, (id) => familyFlat().forLandlord(id).build());
    const { body: household } = await applicants.post('/households', aHouseholdRegistration().withMembers(2, 1, [4, 7, 9, 12]).build());
    await applicants.post(`/households/${household.id}/consent`, aConsent().build());
    await applicants.put(`/households/${household.id}/needs`, someNeeds().prefers('BXL-C').rentSetTo(1_300).bedroomsOverride(4, 'four children of different ages').build());
    await applicants.post(`/households/${household.id}/assessments`, anAssessment().build());
    expect((await applicants.post(`/households/${household.id}/waitlist`)).status).toBe(200);
    await eventually(async () => {
      const known = await queryDatabase(platform.databases.get('matching')!, 'SELECT household_id FROM waitlisted_households WHERE household_id = $1', [household.id]);
      expect(known).toHaveLength(1);
    }, 90_000);

    await passInitialInspection(platform, inspections, unitId, INSPECTOR_ID);
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('available'), 60_000);

    // The flat entered the scheme: leases recorded its head lease from the owner's agreement.
    const headLease = await eventually(async () => {
      const { body } = await leases.get(`/head-leases?unitId=${unitId}`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 60_000);
    expect(headLease).toMatchObject({ landlordId, scheme: 'head_lease', guaranteedRentCents: 78_000, startDate: TODAY });

    // Matching hears of the flat on its own topic, maybe after units and leases did.
    const offer = await eventually(async () => {
      // Households other suites waitlist reach this platform's pool too (one shared broker), so this
      // one may not be first on the shortlist: the proposal says why it is chosen.
      const proposed = await matching.post('/offers', { unitId, householdId: household.id, justification: 'The family this four-bedroom flat was inspected for' });
      expect(proposed.status).toBe(201);
      return proposed.body;
    }, 60_000);
    expect((await matching.post(`/offers/${offer.id}/make`)).status).toBe(200);
    await eventually(async () => expect((await applicants.get(`/households/${household.id}`)).body.status).toBe('offered'), 60_000);
    expect((await matching.post(`/offers/${offer.id}/accept`)).status).toBe(200);

    // The accepted offer opened a draft at the flat's asking rent.
    const draft = await eventually(async () => {
      const { body } = await leases.get(`/tenancies?offerId=${offer.id}`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 60_000);
    expect(draft).toMatchObject({ status: 'draft', unitId, householdId: household.id, reference: household.reference, rentCents: 111_110, legalLandlord: 'agency' });
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('reserved'), 60_000);

    const terms = { rent: 1_111.1, serviceCharges: 60, benefitPaidDirectly: 0, deposit: { kind: 'guarantee', amount: 2_222.2 }, startDate: TODAY, endDate: null };
    expect((await leases.put(`/tenancies/${draft.id}/terms`, terms)).status).toBe(200);
    const signed = await leases.post(`/tenancies/${draft.id}/sign`, { signedOn: '2027-01-10' });
    expect(signed.status).toBe(200);

    // The start date has come: active, and the other services follow.
    await eventually(async () => expect((await leases.get(`/tenancies/${draft.id}`)).body.status).toBe('active'), 60_000);
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('let'), 60_000);
    await eventually(async () => expect((await applicants.get(`/households/${household.id}`)).body.status).toBe('housed'), 60_000);
    const unitEvents = await waitForEvents(Topics.units, unitId, ['UnitReserved', 'UnitLet']);
    expect(unitEvents.find((e) => e.type === 'UnitLet')!.payload).toEqual({ unitId, landlordId, leaseId: draft.id });
    const householdEvents = await waitForEvents(Topics.applicants, household.id, ['ApplicantHoused']);
    expect(householdEvents.find((e) => e.type === 'ApplicantHoused')!.payload).toEqual({ householdId: household.id, reference: household.reference, status: 'housed', tenancyId: draft.id });

    // January from the 15th: 17 of 31 days. Rent and charges 1,171.10 → 117,110 × 17 / 31 = 64,221.61 → 64,222.
    const ledger = await eventually(async () => {
      const { body } = await leases.get(`/tenancies/${draft.id}/ledger`);
      expect(body.entries).toHaveLength(1);
      return body;
    }, 60_000);
    expect(ledger).toMatchObject({ chargedCents: 64_222, paidCents: 0, balanceCents: 64_222 });

    // The owner is owed the guaranteed rent from the day the flat entered the scheme, let or not:
    // 78,000 × 17 / 31 = 42,774.19 → 42,774, less the 150.00 loan instalment = 27,774.
    const statement = await eventually(async () => {
      const { body } = await leases.get(`/head-leases/${headLease.id}/statement`);
      expect(body.months).toHaveLength(1);
      return body;
    }, 60_000);
    expect(statement.months[0]).toMatchObject({ month: '2027-01', guaranteedRentCents: 42_774, loanRepaymentCents: 15_000, dueCents: 27_774 });

    // The household moves on: notice given, the flat vacating, its move-out inspection requested.
    const notice = { givenBy: 'household', reason: 'moved_to_permanent_housing', noticeGivenOn: TODAY, endsOn: '2027-03-31' };
    expect((await leases.post(`/tenancies/${draft.id}/notice`, notice)).status).toBe(200);
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('vacating'), 60_000);
    await passInspection(platform, inspections, unitId, INSPECTOR_ID, 'move_out', 'moderate');

    // One moderate deficiency the household left (none recorded at move-in): the flat is available
    // for the next household (the repair follows its deadline), and matching has it again.
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('available'), 60_000);
    const afterMoveOut = await waitForEvents(Topics.units, unitId, ['UnitVacating'], 60_000);
    const types = afterMoveOut.map((e) => e.type);
    expect(types.slice(types.indexOf('UnitVacating'))).toEqual(['UnitVacating', 'UnitBecameAvailable']);
    const { body: moveOut } = await inspections.get(`/inspections?unitId=${unitId}`);
    expect(moveOut.items.filter((i: { type: string }) => i.type === 'move_out')).toEqual([expect.objectContaining({ status: 'completed', outcome: 'failed' })]);
    await eventually(async () => {
      const pooled = await queryDatabase(platform.databases.get('matching')!, 'SELECT status FROM available_units WHERE unit_id = $1', [unitId]);
      expect(pooled).toEqual([{ status: 'available' }]);
    }, 60_000);
  }, 600_000);
});
