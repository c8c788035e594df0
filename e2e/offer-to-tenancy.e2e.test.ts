import { Topics } from '@hearth/contracts';
import { aConsent, aHouseholdRegistration, anAssessment, aUnit, bearer, eventually, pdfText, queryDatabase, readEvents, someNeeds, waitForEvents } from '@hearth/testing';
import { client, Client, passInitialInspection, passInspection, Platform, submittedFlat } from './support';

const staff = bearer('sra_staff');
const INSPECTOR_ID = 'inspector-e2e-tenancy';

// ---- The story's calendar, the test's own reference (not the services' code) ----------------------

/** The agency's calendar day (Brussels) of an instant. */
const brusselsDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The first day of the month n months after the month of `day`. */
const firstOfMonthAfter = (day: string, months: number) => {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};
const daysInMonthOf = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();

/**
 * One calendar for the platform: the real one, with only the leases service's "today" moved on
 * (LEASES_TODAY, restarts). Inspections, units, matching and applicants have no test clock: the
 * inspections service stamps a completed inspection with the real instant, and leases looks for
 * the tenancy that had started by that day (decision 0028). So the story starts on the first day
 * of the real month (M0, never after the real day): the tenancy starts then, and the move-out
 * inspection — completed on the real day — falls within it, however far leases has been moved on.
 * Whole months from the first keep every amount below a fixed figure, whatever the month.
 */
const M0 = firstOfMonthAfter(brusselsDay(new Date()), 0);
const [M1, M2, M3, M4] = [1, 2, 3, 4].map((n) => firstOfMonthAfter(M0, n));
const month = (day: string) => day.slice(0, 7);

/** A flat at a rent no other suite uses, sized for this story's family only. */
const familyFlat = () => aUnit().withDistrict('BXL-C').withBedrooms(4).with('maxOccupants', 8).with('floorArea', 118).withRent(1_111.1);
/** The owner's agreement from M0, its damage cover lowered to 300.00 so that the cap shows. */
const agreementTerms = { startDate: M0, coverage: { rentArrears: true, vacancy: true, damageCap: 300, legalCosts: true } };

/**
 * The whole chain across six services as separate processes, nothing standing in for
 * any of them: an accepted offer in matching opens a tenancy draft in leases; staff complete and
 * sign it; it starts, and the flat becomes `let` in units and the household `housed` in
 * applicants. Two months go unpaid: reminder, arrears established, formal notice, claim — while
 * the owner is still paid the guaranteed rent. A payment plan; the household gives notice; the
 * flat is vacating, the move-out inspection (compared with the move-in one) finds damage, and
 * leases proposes a damage claim less wear, capped by the owner's cover; the flat is available
 * again, and once the tenancy has ended the empty month is counted: the owner's statement marks it
 * vacant (guaranteed rent paid all the same) and a vacancy claim covers its days. Documents go out
 * in each recipient's language without being asked (decision 0029): the household's formal notice
 * in the language recorded on its tenancy, the owner's statement in the one the owner registered with.
 */
describe('from an accepted offer to a household housed, in arrears, gone, and the flat let again', () => {
  const platform = new Platform();
  let landlords: Client, units: Client, inspections: Client, applicants: Client, matching: Client, leases: Client;
  const at = (name: Parameters<Platform['service']>[0], headers = staff) => client(platform.service(name).url, headers);

  /** A document of the leases service, as staff print it (no language asked), read back as text. */
  async function leasesPdf(path: string): Promise<string> {
    const response = await fetch(`${platform.service('leases').url}${path}`, { headers: staff });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    return pdfText(Buffer.from(await response.arrayBuffer()));
  }

  /** Moves the leases service's calendar on to `day` (a restart); its jobs catch up at once. */
  async function leasesOn(day: string) {
    await platform.restart('leases', { LEASES_TODAY: day });
    leases = at('leases');
  }

  beforeAll(async () => {
    // Sweeps every two seconds: the daily arrears review runs soon after each move of the calendar.
    await platform.start(['landlords', 'units', 'inspections', 'applicants', 'matching', 'leases'], { leases: { LEASES_TODAY: M0, JOB_SWEEP_INTERVAL_MS: '2000' } });
    [landlords, units, inspections, applicants, matching, leases] = [at('landlords'), at('units'), at('inspections'), at('applicants'), at('matching'), at('leases')];
  }, 240_000);

  afterAll(() => platform.stop());

  it('offer accepted → signed → let and housed → two months unpaid → reminder, established, notice, claim → owner paid → payment plan → notice to leave → move-out damage claim capped → available → vacancy counted', async () => {
    const { unitId, landlordId } = await submittedFlat(landlords, units, (id) => familyFlat().forLandlord(id).build(), agreementTerms);
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
    expect(headLease).toMatchObject({ landlordId, scheme: 'head_lease', guaranteedRentCents: 78_000, startDate: M0 });

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
    const tenancyId = draft.id as string;
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('reserved'), 60_000);

    // The household reads its letters in French (staff record it with the terms).
    const terms = { rent: 1_111.1, serviceCharges: 60, benefitPaidDirectly: 0, deposit: { kind: 'guarantee', amount: 2_222.2 }, startDate: M0, endDate: null, documentLanguage: 'fr' };
    expect((await leases.put(`/tenancies/${tenancyId}/terms`, terms)).status).toBe(200);
    expect((await leases.post(`/tenancies/${tenancyId}/sign`, { signedOn: M0 })).status).toBe(200);

    // The start date has come: active, and the other services follow.
    await eventually(async () => expect((await leases.get(`/tenancies/${tenancyId}`)).body.status).toBe('active'), 60_000);
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('let'), 60_000);
    await eventually(async () => expect((await applicants.get(`/households/${household.id}`)).body.status).toBe('housed'), 60_000);
    const unitEvents = await waitForEvents(Topics.units, unitId, ['UnitReserved', 'UnitLet']);
    expect(unitEvents.find((e) => e.type === 'UnitLet')!.payload).toEqual({ unitId, landlordId, leaseId: tenancyId });
    const householdEvents = await waitForEvents(Topics.applicants, household.id, ['ApplicantHoused']);
    expect(householdEvents.find((e) => e.type === 'ApplicantHoused')!.payload).toEqual({ householdId: household.id, reference: household.reference, status: 'housed', tenancyId });

    // The household moves in: the move-in inspection finds nothing wrong.
    expect((await inspections.post('/inspections', { unitId, type: 'move_in' })).status).toBe(201);
    await passInspection(platform, inspections, unitId, INSPECTOR_ID, 'move_in');

    // M0 from its first day: a whole month of rent and charges, 1,111.10 + 60.00 = 117,110.
    const MONTHLY = 117_110;
    const ledger = await eventually(async () => {
      const { body } = await leases.get(`/tenancies/${tenancyId}/ledger`);
      expect(body.entries).toHaveLength(1);
      return body;
    }, 60_000);
    expect(ledger).toMatchObject({ chargedCents: MONTHLY, paidCents: 0, balanceCents: MONTHLY });

    // ---- Two months on (the first of M2): M0 and M1 wholly unpaid -----------------------------------
    // Reminder and established at once (nothing was overdue before), and the day's review sends the
    // formal notice: 2 × 117,110 = 234,220 overdue (M2's charge is due today, not yet overdue).
    await leasesOn(M2);
    const ladderStages = async (count: number) =>
      eventually(async () => {
        const reached = (await readEvents(Topics.leases, tenancyId)).filter((e) => e.type === 'ArrearsStageReached');
        expect(reached).toHaveLength(count);
        return reached.map((e) => e.payload as { stage: string; arrearsCents: number; monthsUnpaid: number; reachedOn: string });
      }, 120_000);
    expect(await ladderStages(3)).toEqual([
      expect.objectContaining({ stage: 'reminder', reachedOn: M2 }),
      expect.objectContaining({ stage: 'established', arrearsCents: 234_220, monthsUnpaid: 2, reachedOn: M2 }),
      expect.objectContaining({ stage: 'notice', arrearsCents: 234_220, monthsUnpaid: 2, reachedOn: M2 }),
    ]);

    // ---- Nine days later: the notice's 8 days to pay have run out — the claim is filed ----------------
    // Every month due before today and unpaid: M0, M1 and M2, 3 × 117,110 = 351,330.
    const claimDay = plusDays(M2, 9);
    await leasesOn(claimDay);
    expect((await ladderStages(4))[3]).toMatchObject({ stage: 'claim', arrearsCents: 351_330, reachedOn: claimDay });
    const arrearsClaim = await eventually(async () => {
      const { body } = await leases.get(`/claims?tenancyId=${tenancyId}&kind=arrears`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 60_000);
    expect(arrearsClaim).toMatchObject({ kind: 'arrears', status: 'opened', landlordId, amountCents: 351_330, openedOn: claimDay });
    expect(arrearsClaim.months.map((m: { month: string; amountCents: number }) => [m.month, m.amountCents])).toEqual([
      [month(M0), MONTHLY],
      [month(M1), MONTHLY],
      [month(M2), MONTHLY],
    ]);
    expect(arrearsClaim.evidence.notices.map((n: { kind: string; sentOn: string }) => [n.kind, n.sentOn])).toEqual([
      ['reminder', M2],
      ['formal_notice', M2],
    ]);
    // The formal notice as the household received it, in its language (French) without asking: 234,220 unpaid.
    const { body: notices } = await leases.get(`/tenancies/${tenancyId}/notices`);
    const formalNotice = await leasesPdf(`/tenancies/${tenancyId}/notices/${notices.items[1].id}/pdf`);
    expect(formalNotice).toContain('Mise en demeure de payer');
    expect(formalNotice).toContain('Total impayé : 2 342,20 €');

    // The owner is paid the guaranteed rent all the same: 78,000 a month less the 150.00 loan
    // instalment = 63,000 due for each of M0, M1 and M2, and paid. (M0 was made due the day the flat
    // entered the scheme, before it was let: it stays marked as due for an empty flat.)
    for (const m of [M0, M1, M2]) {
      expect((await leases.post(`/head-leases/${headLease.id}/owner-payments`, { month: month(m), amount: 630, paidOn: claimDay })).status).toBe(201);
    }
    const { body: owed } = await leases.get(`/head-leases/${headLease.id}/statement`);
    expect(owed.months).toEqual(
      [M0, M1, M2].map((m) => expect.objectContaining({ month: month(m), guaranteedRentCents: 78_000, loanRepaymentCents: 15_000, dueCents: 63_000, paidCents: 63_000, owedCents: 0, vacant: m === M0 })),
    );
    expect((await leases.get(`/tenancies/${tenancyId}/ledger`)).body).toMatchObject({ chargedCents: 351_330, paidCents: 0, balanceCents: 351_330 });
    // The owner's statement in the owner's language without asking: Dutch, as the owner registered
    // with landlords (the test builder's registration) and LandlordRegistered told leases.
    const ownerStatement = await leasesPdf(`/head-leases/${headLease.id}/statement.pdf`);
    expect(ownerStatement).toContain('Eigenaarsoverzicht');
    expect(ownerStatement).toContain('€ 630,00');

    // A payment plan for the whole 351,330: three instalments from the 15th of M4.
    const firstInstalment = plusDays(M4, 14);
    expect((await leases.post(`/tenancies/${tenancyId}/payment-plans`, { instalments: 3, firstDueDate: firstInstalment })).status).toBe(201);
    const [agreed] = (await waitForEvents(Topics.leases, tenancyId, ['PaymentPlanAgreed'], 60_000)).filter((e) => e.type === 'PaymentPlanAgreed');
    expect(agreed.payload).toMatchObject({ tenancyId, totalCents: 351_330, instalments: 3, firstDueDate: firstInstalment });

    // ---- Notice to leave: the tenancy ends on the last day of M2 ----------------------------------------
    const lastDay = plusDays(M3, -1);
    const notice = { givenBy: 'household', reason: 'moved_to_permanent_housing', noticeGivenOn: claimDay, endsOn: lastDay };
    expect((await leases.post(`/tenancies/${tenancyId}/notice`, notice)).status).toBe(200);
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('vacating'), 60_000);
    await passInspection(platform, inspections, unitId, INSPECTOR_ID, 'move_out', 'moderate');

    // One moderate deficiency the move-in inspection did not find: 400.00 to repair. Three whole
    // months of occupation (M0 to the last day of M2) at 10 % wear a year: 40,000 × 1,000 × 3 /
    // 120,000 = 1,000 of wear; 39,000 left, capped by the owner's damage cover at 30,000.
    const damage = await eventually(async () => {
      const { body } = await leases.get(`/claims?tenancyId=${tenancyId}&kind=damage`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 60_000);
    expect(damage).toMatchObject({ kind: 'damage', status: 'opened', landlordId, amountCents: 30_000 });
    expect(damage.evidence.damage).toEqual({
      newDeficiencies: { life_threatening: 0, severe: 0, moderate: 1, low: 0 },
      grossCents: 40_000,
      occupationMonths: 3,
      wearBasisPointsPerYear: 1_000,
      wearCents: 1_000,
      capCents: 30_000,
    });
    expect(damage.evidence.inspections.map((i: { type: string }) => i.type)).toEqual(['move_in', 'move_out']);

    // The flat is available for the next household (the repair follows its deadline), and matching has it again.
    await eventually(async () => expect((await units.get(`/units/${unitId}`)).body.status).toBe('available'), 60_000);
    const afterMoveOut = await waitForEvents(Topics.units, unitId, ['UnitVacating'], 60_000);
    const types = afterMoveOut.map((e) => e.type);
    expect(types.slice(types.indexOf('UnitVacating'))).toEqual(['UnitVacating', 'UnitBecameAvailable']);
    const { body: inspected } = await inspections.get(`/inspections?unitId=${unitId}`);
    expect(inspected.items.filter((i: { type: string }) => i.type === 'move_out')).toEqual([expect.objectContaining({ status: 'completed', outcome: 'failed' })]);
    await eventually(async () => {
      const pooled = await queryDatabase(platform.databases.get('matching')!, 'SELECT status FROM available_units WHERE unit_id = $1', [unitId]);
      expect(pooled).toEqual([{ status: 'available' }]);
    }, 60_000);

    // ---- The first of M4: the tenancy has ended, M3 stood empty ------------------------------------------
    await leasesOn(M4);
    const [ended] = (await waitForEvents(Topics.leases, tenancyId, ['TenancyEnded'], 120_000)).filter((e) => e.type === 'TenancyEnded');
    // Its arrears survive it: nothing was paid of the three months.
    expect(ended.payload).toMatchObject({ tenancyId, endedOn: lastDay, finalBalanceCents: 351_330 });

    // The vacancy counted: the owner's statement marks M3 (and M4 so far) vacant, the guaranteed rent due all the same…
    const statement = await eventually(async () => {
      const { body } = await leases.get(`/head-leases/${headLease.id}/statement`);
      expect(body.months).toHaveLength(5);
      return body;
    }, 60_000);
    expect(statement.months.map((m: { month: string; vacant: boolean; dueCents: number }) => [m.month, m.vacant, m.dueCents])).toEqual([
      [month(M0), true, 63_000],
      [month(M1), false, 63_000],
      [month(M2), false, 63_000],
      [month(M3), true, 63_000],
      [month(M4), true, 63_000],
    ]);
    // …and a vacancy claim for the empty days between this tenancy's end and today: the whole of M3,
    // its days counted, at the guaranteed rent of a whole month, 78,000.
    const vacancy = await leases.post(`/tenancies/${tenancyId}/claims`, { kind: 'vacancy', from: M3, to: plusDays(M4, -1) });
    expect(vacancy.status).toBe(201);
    expect(vacancy.body).toMatchObject({ kind: 'vacancy', amountCents: 78_000 });
    expect(vacancy.body.evidence.vacancy).toEqual({ from: M3, to: plusDays(M4, -1), months: [{ month: month(M3), days: daysInMonthOf(M3), amountCents: 78_000 }] });
  }, 900_000);
});
