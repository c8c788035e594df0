import { Topics } from '@hearth/contracts';
import { aHouseholdReference, bearer, eventually, LandlordEventStream, OfferEventStream, pdfText as textOf, queryDatabase, readEvents, UnitEventStream, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { MonthlyScheduler } from '../src/jobs/monthly.scheduler';
import { acceptedOffer, flatInScheme, FlatInScheme, leasesSuite, staff, TODAY } from './support';

/**
 * The leases service on real PostgreSQL, Redis and the test broker, "today" fixed at 2026-11-20
 * (Europe/Brussels). Amounts are worked out by hand in the comments.
 */
describe('leases service', () => {
  const suite = leasesSuite();

  const statementOf = async (headLeaseId: string) => (await suite.service.http.get(`/head-leases/${headLeaseId}/statement`).set(staff).expect(200)).body;

  describe('head leases and what the owner is owed', () => {
    let flat: FlatInScheme;

    beforeAll(async () => {
      flat = await flatInScheme(suite.service, suite.producer);
    });

    it('records the flat’s head lease from the agreement’s terms when it enters the scheme', async () => {
      const { body } = await suite.service.http.get(`/head-leases/${flat.headLeaseId}`).set(staff).expect(200);
      expect(body).toMatchObject({
        unitId: flat.unitId,
        landlordId: flat.landlordId,
        agreementId: flat.agreementId,
        scheme: 'head_lease',
        legalLandlord: 'agency',
        guaranteedRentCents: 78_000,
        managementFeeCents: 0,
        coverage: { rentArrears: true, vacancy: true, damageCapCents: 250_000, legalCosts: true },
        renovationLoan: { principalCents: 1_200_000, monthlyRepaymentCents: 15_000 },
        // the agreement started on 2026-01-01, the flat entered the scheme today
        startDate: TODAY,
        endDate: '2033-12-31',
      });
      const [recorded] = await waitForEvents(Topics.leases, flat.headLeaseId, ['HeadLeaseRecorded']);
      expect(recorded.payload).toEqual({
        headLeaseId: flat.headLeaseId,
        unitId: flat.unitId,
        landlordId: flat.landlordId,
        agreementId: flat.agreementId,
        scheme: 'head_lease',
        guaranteedRentCents: 78_000,
        startDate: TODAY,
        endDate: '2033-12-31',
      });
    });

    it('owes the guaranteed rent for an empty flat, less the loan instalment, and records what was paid', async () => {
      // November from the 20th: 11 of 30 days → 78,000 × 11 / 30 = 28,600; loan instalment 15,000; due 13,600.
      const statement = await eventually(async () => {
        const s = await statementOf(flat.headLeaseId);
        expect(s.months).toHaveLength(1);
        return s;
      }, 30_000);
      expect(statement.months[0]).toEqual({
        month: '2026-11',
        guaranteedRentCents: 28_600,
        loanRepaymentCents: 15_000,
        managementFeeCents: 0,
        dueCents: 13_600,
        vacant: true,
        paidCents: 0,
        paidOn: null,
        owedCents: 13_600,
      });
      expect(statement.loan).toMatchObject({ principalCents: 1_200_000, disbursedOn: TODAY, deductedCents: 15_000, repaidEarlyCents: 0, repaidCents: 15_000, outstandingCents: 1_185_000 });
      const events = await waitForEvents(Topics.leases, flat.headLeaseId, ['HeadLeaseRecorded', 'OwnerPaymentDue', 'LoanRepaymentDeducted']);
      expect(events.find((e) => e.type === 'OwnerPaymentDue')!.payload).toMatchObject({ month: '2026-11', dueCents: 13_600, vacant: true });
      expect(events.find((e) => e.type === 'LoanRepaymentDeducted')!.payload).toMatchObject({ amountCents: 15_000, remainingCents: 1_185_000 });

      const over = await suite.service.http.post(`/head-leases/${flat.headLeaseId}/owner-payments`).set(staff).send({ month: '2026-11', amount: 136.01, paidOn: TODAY }).expect(409);
      expect(over.body.code).toBe('HEAD_LEASE.OVERPAYMENT');
      await suite.service.http.post(`/head-leases/${flat.headLeaseId}/owner-payments`).set(staff).send({ month: '2026-12', amount: 10, paidOn: TODAY }).expect(409);

      const { body: paid } = await suite.service.http.post(`/head-leases/${flat.headLeaseId}/owner-payments`).set(staff).send({ month: '2026-11', amount: 136, paidOn: TODAY }).expect(201);
      expect(paid).toEqual({ month: '2026-11', dueCents: 13_600, paidCents: 13_600, owedCents: 0 });
      expect((await statementOf(flat.headLeaseId)).totals).toEqual({ guaranteedRentCents: 28_600, loanRepaymentCents: 15_000, managementFeeCents: 0, dueCents: 13_600, paidCents: 13_600, owedCents: 0 });
    });

    it('prints the owner statement as a PDF in the owner’s language, amounts and months as the locale writes them', async () => {
      const pdfText = async (language: string | null) => {
        const response = await suite.service.http
          .get(`/head-leases/${flat.headLeaseId}/statement.pdf${language ? `?language=${language}` : ''}`)
          .set(bearer('landlord', { landlordId: flat.landlordId }))
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        return textOf(response.body as Buffer);
      };
      // Due 136.00 (13,600 cents), paid 136.00, loan 12,000.00 lent, 150.00 repaid, 11,850.00 outstanding.
      const fr = await pdfText('fr');
      expect(fr).toContain('Relevé propriétaire');
      expect(fr).toContain('novembre 2026');
      expect(fr).toContain('136,00 €');
      expect(fr).toContain('11 850,00 € restant dus');
      const nl = await pdfText('nl');
      expect(nl).toContain('Eigenaarsoverzicht');
      expect(nl).toContain('november 2026');
      expect(nl).toContain('€ 136,00');
      expect(nl).toContain('€ 11.850,00 openstaand');
      const en = await pdfText('en');
      expect(en).toContain('Owner statement');
      expect(en).toContain('November 2026');
      expect(en).toContain('€11,850.00 outstanding');
      expect(fr + nl + en).not.toMatch(/HX-/);
      // No language asked, and landlords never told leases this owner's: the configured default, English.
      expect(await pdfText(null)).toContain('Owner statement');

      await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement.pdf?language=de`).set(staff).expect(400);
      await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement.pdf`).set(bearer('landlord', { landlordId: randomUUID() })).expect(404);
    });

    it('takes the management fee under a mandate (8 % of 780.00 = 62.40 a month)', async () => {
      const mandate = await flatInScheme(suite.service, suite.producer, { scheme: 'management_mandate', renovationLoan: null });
      // 11 of 30 days: rent 28,600, fee 6,240 × 11 / 30 = 2,288; due 26,312
      const statement = await eventually(async () => {
        const s = await statementOf(mandate.headLeaseId);
        expect(s.months).toHaveLength(1);
        return s;
      }, 30_000);
      expect(statement.months[0]).toMatchObject({ guaranteedRentCents: 28_600, managementFeeCents: 2_288, loanRepaymentCents: 0, dueCents: 26_312 });
      expect(statement.loan).toBeNull();
      const { body } = await suite.service.http.get(`/head-leases/${mandate.headLeaseId}`).set(staff).expect(200);
      expect(body).toMatchObject({ scheme: 'management_mandate', legalLandlord: 'owner', managementFeeCents: 6_240 });
    });

    it('shows a landlord their own head lease and statement, and 404 for anyone else’s', async () => {
      const own = bearer('landlord', { landlordId: flat.landlordId });
      const other = bearer('landlord', { landlordId: randomUUID() });
      await suite.service.http.get(`/head-leases/${flat.headLeaseId}`).set(own).expect(200);
      await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement`).set(own).expect(200);
      await suite.service.http.get(`/head-leases/${flat.headLeaseId}`).set(other).expect(404);
      await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement`).set(other).expect(404);
      const { body: list } = await suite.service.http.get('/head-leases').set(other).expect(200);
      expect(list.items).toEqual([]);
      await suite.service.http.post(`/head-leases/${flat.headLeaseId}/owner-payments`).set(own).send({ month: '2026-11', amount: 1, paidOn: TODAY }).expect(403);
    });
  });

  describe('a tenancy from an accepted offer', () => {
    let flat: FlatInScheme;
    let tenancyId: string;
    let householdId: string;
    let reference: string;

    beforeAll(async () => {
      flat = await flatInScheme(suite.service, suite.producer);
      const { offer, tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
      tenancyId = tenancy.id;
      householdId = offer.offer.householdId;
      reference = offer.offer.reference;
    });

    it('opens a draft from the flat’s asking rent, starting no earlier than today', async () => {
      const { body } = await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200);
      expect(body).toMatchObject({
        status: 'draft',
        unitId: flat.unitId,
        householdId,
        reference,
        landlordId: flat.landlordId,
        headLeaseId: flat.headLeaseId,
        legalLandlord: 'agency',
        rentCents: 69_000,
        serviceChargesCents: 4_500,
        startDate: TODAY,
      });
      const [drafted] = await waitForEvents(Topics.leases, tenancyId, ['TenancyDrafted']);
      expect(drafted.payload).toMatchObject({ tenancyId, unitId: flat.unitId, householdId, reference, rentCents: 69_000, serviceChargesCents: 4_500, startDate: TODAY });
    });

    it.each([
      ['missing fields', {}, ['rent', 'serviceCharges', 'deposit', 'startDate']],
      ['a negative rent, three decimals and an unknown field', { rent: -1, serviceCharges: 1.005, pets: true }, ['rent', 'serviceCharges', 'pets']],
      ['a benefit above the rent and an end before the start', { benefitPaidDirectly: 900, endDate: '2026-01-01' }, ['benefitPaidDirectly', 'endDate']],
      ['an impossible date and a deposit kind that does not exist', { startDate: '2026-02-30', deposit: { kind: 'cash', amount: 10 } }, ['startDate', 'deposit.kind']],
      ['a document language documents are not written in', { documentLanguage: 'de' }, ['documentLanguage']],
    ])('PUT terms with %s → 400 problem+json naming the fields, nothing written or published', async (_case, change, fields) => {
      const valid = { rent: 700, serviceCharges: 50, benefitPaidDirectly: 100, deposit: { kind: 'guarantee', amount: 1400 }, startDate: '2026-09-15', endDate: null };
      const body = Object.keys(change).length === 0 ? {} : { ...valid, ...change };
      const before = await queryDatabase(suite.service.database, 'SELECT version, rent_cents, document_language FROM tenancies WHERE id = $1', [tenancyId]);
      const eventsBefore = (await readEvents(Topics.leases, tenancyId)).length;

      const response = await suite.service.http.put(`/tenancies/${tenancyId}/terms`).set(staff).send(body).expect(400);

      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await queryDatabase(suite.service.database, 'SELECT version, rent_cents, document_language FROM tenancies WHERE id = $1', [tenancyId])).toEqual(before);
      expect((await readEvents(Topics.leases, tenancyId)).length).toBe(eventsBefore);
    });

    it('refuses anyone but staff to change it, and answers 404 for a tenancy that does not exist', async () => {
      const terms = { rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: '2026-09-15' };
      await suite.service.http.put(`/tenancies/${tenancyId}/terms`).set(bearer('landlord', { landlordId: flat.landlordId })).send(terms).expect(403);
      await suite.service.http.put(`/tenancies/${tenancyId}/terms`).set(bearer('caseworker')).send(terms).expect(403);
      await suite.service.http.put(`/tenancies/${randomUUID()}/terms`).set(staff).send(terms).expect(404);
      await suite.service.http.get(`/tenancies/${tenancyId}`).set(bearer('landlord', { landlordId: randomUUID() })).expect(404);
      await suite.service.http.get(`/tenancies/not-a-uuid`).set(staff).expect(400);
    });

    it('is completed, signed, starts on its (past) start date and charges every month since, never twice', async () => {
      const terms = { rent: 700, serviceCharges: 50, benefitPaidDirectly: 100, deposit: { kind: 'guarantee', amount: 1400 }, startDate: '2026-09-15', endDate: null };
      const { body: completed } = await suite.service.http.put(`/tenancies/${tenancyId}/terms`).set(staff).send(terms).expect(200);
      expect(completed).toMatchObject({ status: 'draft', rentCents: 70_000, serviceChargesCents: 5_000, benefitCents: 10_000, householdShareCents: 65_000, deposit: { kind: 'guarantee', amountCents: 140_000 } });

      const { body: signed } = await suite.service.http.post(`/tenancies/${tenancyId}/sign`).set(staff).send({ signedOn: '2026-09-10' }).expect(200);
      expect(signed).toMatchObject({ status: 'signed', signedOn: '2026-09-10' });
      const again = await suite.service.http.post(`/tenancies/${tenancyId}/sign`).set(staff).send({}).expect(409);
      expect(again.body.code).toBe('TENANCY.INVALID_TRANSITION');

      // September from the 15th: 16 of 30 days → 75,000 × 16 / 30 = 40,000 (benefit 10,000 × 16 / 30 = 5,333);
      // October and November: 75,000 each (benefit 10,000). Charged 190,000; paid by the benefit 25,333.
      const ledger = await eventually(async () => {
        const { body } = await suite.service.http.get(`/tenancies/${tenancyId}/ledger`).set(staff).expect(200);
        expect(body.entries.filter((e: { kind: string }) => e.kind === 'charge')).toHaveLength(3);
        return body;
      }, 30_000);
      expect(ledger).toMatchObject({ status: 'active', chargedCents: 190_000, paidCents: 25_333, balanceCents: 164_667 });
      expect(ledger.entries.filter((e: { kind: string }) => e.kind === 'charge').map((e: { month: string; amountCents: number; bookedOn: string }) => [e.month, e.amountCents, e.bookedOn])).toEqual([
        ['2026-09', 40_000, '2026-09-15'],
        ['2026-10', 75_000, '2026-10-01'],
        ['2026-11', 75_000, '2026-11-01'],
      ]);

      const events = await waitForEvents(Topics.leases, tenancyId, ['TenancyDrafted', 'TenancySigned', 'TenancyStarted']);
      expect(events.find((e) => e.type === 'TenancyStarted')!.payload).toEqual({
        tenancyId,
        unitId: flat.unitId,
        householdId,
        reference,
        landlordId: flat.landlordId,
        startDate: '2026-09-15',
        rentCents: 70_000,
        serviceChargesCents: 5_000,
      });
      const charged = (await readEvents(Topics.leases, tenancyId)).filter((e) => e.type === 'RentCharged').map((e) => e.payload.month);
      expect(charged.sort()).toEqual(['2026-09', '2026-10', '2026-11']);

      // The sweep finds nothing left to charge: the positive signal that a second run would book nothing.
      expect(await suite.service.app.get(MonthlyScheduler).catchUpTenancies(tenancyId)).toBe(0);
      const [{ charges }] = await queryDatabase(suite.service.database, `SELECT count(*)::int AS charges FROM ledger_entries WHERE tenancy_id = $1 AND kind = 'charge'`, [tenancyId]);
      expect(charges).toBe(3);
    });

    it('records a payment, settles the oldest months first and reads the arrears', async () => {
      const bad = await suite.service.http.post(`/tenancies/${tenancyId}/payments`).set(staff).send({ amount: 0.001, receivedOn: 'yesterday' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['amount', 'receivedOn']));

      const { body: payment } = await suite.service.http.post(`/tenancies/${tenancyId}/payments`).set(staff).send({ amount: 500, receivedOn: '2026-10-05' }).expect(201);
      // 164,667 − 50,000 = 114,667
      expect(payment).toMatchObject({ amountCents: 50_000, balanceCents: 114_667 });

      // Paid 75,333 in all: September in full, 35,333 of October. Open: October 39,667 (due 1 October, 50 days
      // overdue on 20 November → 31–60) and November 75,000 — more than a month of rent: arrears established.
      const { body: tenancy } = await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200);
      expect(tenancy).toMatchObject({ balanceCents: 114_667, arrears: { ageing: '31_60', stage: 'established' } });
      const { body: ledger } = await suite.service.http.get(`/tenancies/${tenancyId}/ledger`).set(staff).expect(200);
      expect(ledger).toMatchObject({ chargedCents: 190_000, paidCents: 75_333, balanceCents: 114_667 });
      expect(ledger.entries.at(-1).balanceCents).toBe(114_667);

      const events = await readEvents(Topics.leases, tenancyId);
      expect(events.filter((e) => e.type === 'ArrearsStageReached').map((e) => e.payload.stage)).toEqual(['reminder', 'established']);
      const changed = events.filter((e) => e.type === 'RentArrearsChanged');
      expect(changed.at(-1)!.payload).toMatchObject({ ageing: '31_60', atRisk: true });
      const recorded = events.find((e) => e.type === 'PaymentRecorded' && e.payload.source === 'staff')!;
      expect(recorded.payload).toMatchObject({ amountCents: 50_000, receivedOn: '2026-10-05', balanceCents: 114_667 });
      // References and amounts only.
      for (const event of events) expect(Object.keys(event.payload)).not.toEqual(expect.arrayContaining(['name', 'bankReference', 'iban']));

      const { body: report } = await suite.service.http.get('/reports/arrears-ageing').set(bearer('board_member')).expect(200);
      expect(report.buckets.find((b: { ageing: string }) => b.ageing === '31_60').tenancies).toBeGreaterThanOrEqual(1);
    });

    it('shows the flat’s landlord only the reference, dates and that the rent is guaranteed', async () => {
      const { body } = await suite.service.http.get(`/tenancies/${tenancyId}`).set(bearer('landlord', { landlordId: flat.landlordId })).expect(200);
      expect(body).toEqual({
        id: tenancyId,
        status: 'active',
        unitId: flat.unitId,
        reference,
        legalLandlord: 'agency',
        startDate: '2026-09-15',
        endDate: null,
        endsOn: null,
        endedOn: null,
        rentStatus: 'guaranteed',
      });
      await suite.service.http.get(`/tenancies/${tenancyId}/ledger`).set(bearer('landlord', { landlordId: flat.landlordId })).expect(403);
    });

    it('is renewed and then given notice, each step dated and attributed', async () => {
      await suite.service.http.post(`/tenancies/${tenancyId}/renew`).set(staff).send({ endDate: '2029-12-31', renewedOn: TODAY }).expect(200);
      const bad = await suite.service.http.post(`/tenancies/${tenancyId}/notice`).set(staff).send({ givenBy: 'tenant', reason: 'bored', endsOn: '2026-13-01' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['givenBy', 'reason', 'endsOn']));

      const { body } = await suite.service.http
        .post(`/tenancies/${tenancyId}/notice`)
        .set(staff)
        .send({ givenBy: 'household', reason: 'moved_to_permanent_housing', noticeGivenOn: TODAY, endsOn: '2027-02-28' })
        .expect(200);
      expect(body).toMatchObject({ status: 'ending', notice: { givenOn: TODAY, givenBy: 'household', endsOn: '2027-02-28' } });
      await suite.service.http.post(`/tenancies/${tenancyId}/renew`).set(staff).send({ endDate: '2030-12-31' }).expect(409);

      const events = await waitForEvents(Topics.leases, tenancyId, ['TenancyRenewed', 'TenancyNoticeGiven']);
      expect(events.find((e) => e.type === 'TenancyNoticeGiven')!.payload).toMatchObject({ givenBy: 'household', reason: 'moved_to_permanent_housing', endsOn: '2027-02-28' });

      const { body: tenancy } = await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200);
      expect(tenancy.history.map((h: { action: string }) => h.action)).toEqual(['drafted', 'completed', 'signed', 'started', 'payment_recorded', 'renewed', 'notice_given']);
      expect(tenancy.history.find((h: { action: string }) => h.action === 'signed').actor).toEqual({ id: expect.any(String), role: 'sra_staff' });
      expect(tenancy.history.find((h: { action: string }) => h.action === 'started').actor).toEqual({ id: 'system', role: 'system' });
    });
  });

  it('keeps an offer accepted before its flat was heard of, and drafts the tenancy once the flat is described', async () => {
    const landlord = new LandlordEventStream();
    await suite.producer.send(Topics.landlords, landlord.landlordId, landlord.agreementSignedWithTerms());
    const unit = new UnitEventStream({ landlordId: landlord.landlordId, attributes: { availableFrom: null, rent: 640, serviceCharges: 40 } });
    const offer = new OfferEventStream({ unitId: unit.unitId, householdId: randomUUID(), reference: aHouseholdReference() });
    const accepted = offer.accepted();
    await suite.producer.send(Topics.matching, offer.offerId, accepted);
    await eventually(async () => {
      expect(await queryDatabase(suite.service.database, 'SELECT offer_id FROM pending_offers WHERE offer_id = $1', [offer.offerId])).toHaveLength(1);
    }, 30_000);

    await suite.producer.send(Topics.units, unit.unitId, unit.drafted());
    const tenancy = await eventually(async () => {
      const { body } = await suite.service.http.get(`/tenancies?offerId=${offer.offerId}`).set(staff).expect(200);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 30_000);
    expect(tenancy).toMatchObject({ status: 'draft', unitId: unit.unitId, rentCents: 64_000, serviceChargesCents: 4_000 });
    expect(await queryDatabase(suite.service.database, 'SELECT offer_id FROM pending_offers WHERE offer_id = $1', [offer.offerId])).toEqual([]);
  });

  it('records the head lease of a flat that entered the scheme before its owner’s agreement was heard', async () => {
    const landlord = new LandlordEventStream();
    const unit = new UnitEventStream({ landlordId: landlord.landlordId, attributes: { availableFrom: null } });
    await suite.producer.send(Topics.units, unit.unitId, unit.drafted());
    await suite.producer.send(Topics.units, unit.unitId, unit.becameAvailable());
    await eventually(async () => {
      expect(await queryDatabase(suite.service.database, 'SELECT in_scheme FROM known_units WHERE id = $1', [unit.unitId])).toEqual([{ in_scheme: true }]);
    }, 30_000);
    expect((await suite.service.http.get(`/head-leases?unitId=${unit.unitId}`).set(staff).expect(200)).body.items).toEqual([]);

    await suite.producer.send(Topics.landlords, landlord.landlordId, landlord.agreementSignedWithTerms({ scheme: 'direct_let' }));
    await eventually(async () => {
      const { body } = await suite.service.http.get(`/head-leases?unitId=${unit.unitId}`).set(staff).expect(200);
      expect(body.items).toEqual([expect.objectContaining({ scheme: 'direct_let', legalLandlord: 'owner', landlordId: landlord.landlordId })]);
    }, 30_000);
  });

  it('ends a tenancy after its last day with the final account: the last month prorated, the balance kept', async () => {
    const flat = await flatInScheme(suite.service, suite.producer);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    const terms = { rent: 700, serviceCharges: 50, deposit: { kind: 'deposit', amount: 1500 }, startDate: '2026-10-01', endDate: null };
    await suite.service.http.put(`/tenancies/${tenancy.id}/terms`).set(staff).send(terms).expect(200);
    await suite.service.http.post(`/tenancies/${tenancy.id}/sign`).set(staff).send({}).expect(200);
    // October and November charged in full: 150,000.
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancy.id}/ledger`).set(staff).expect(200)).body.chargedCents).toBe(150_000), 30_000);
    await suite.service.http.post(`/tenancies/${tenancy.id}/payments`).set(staff).send({ amount: 400, receivedOn: '2026-10-03' }).expect(201);

    await suite.service.http
      .post(`/tenancies/${tenancy.id}/notice`)
      .set(staff)
      .send({ givenBy: 'agency', reason: 'moved_to_other_sra_flat', noticeGivenOn: '2026-10-15', endsOn: '2026-11-10' })
      .expect(200);

    // Ended the day after 10 November (a job). November owed for 10 of 30 days: 75,000 × 10 / 30 = 25,000, so
    // 50,000 is credited back. Charged 100,000 − paid 40,000 = 60,000 still owed: kept, never written off.
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancy.id}`).set(staff).expect(200)).body.status).toBe('ended'), 30_000);
    const { body: ledger } = await suite.service.http.get(`/tenancies/${tenancy.id}/ledger`).set(staff).expect(200);
    expect(ledger).toMatchObject({ chargedCents: 100_000, paidCents: 40_000, balanceCents: 60_000 });
    expect(ledger.entries.find((e: { kind: string }) => e.kind === 'credit')).toMatchObject({ month: '2026-11', amountCents: 50_000, bookedOn: '2026-11-10' });
    const ended = (await waitForEvents(Topics.leases, tenancy.id, ['TenancyNoticeGiven', 'TenancyEnded'])).find((e) => e.type === 'TenancyEnded')!;
    expect(ended.payload).toMatchObject({ landlordId: flat.landlordId, endedOn: '2026-11-10', reason: 'moved_to_other_sra_flat', finalBalanceCents: 60_000 });
    // Nothing more is charged after the end.
    expect(await suite.service.app.get(MonthlyScheduler).catchUpTenancies(tenancy.id)).toBe(0);
  });

  it('cancels a draft whose accepted offer falls through', async () => {
    const flat = await flatInScheme(suite.service, suite.producer);
    const { offer, tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    await suite.producer.send(Topics.matching, offer.offerId, offer.withdrawn('accepted'));
    await eventually(async () => {
      const { body } = await suite.service.http.get(`/tenancies/${tenancy.id}`).set(staff).expect(200);
      expect(body.status).toBe('cancelled');
    }, 30_000);
    const [cancelled] = (await waitForEvents(Topics.leases, tenancy.id, ['TenancyCancelled'])).filter((e) => e.type === 'TenancyCancelled');
    expect(cancelled.payload).toMatchObject({ reason: 'offer_fell_through', cancelledOn: TODAY });
  });
});
