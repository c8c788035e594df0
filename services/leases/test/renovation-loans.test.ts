import { Topics } from '@hearth/contracts';
import { bearer, eventually, readEvents, waitForEvents } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { flatInScheme, FlatInScheme, leasesSuite, pdfAt, staff, TODAY } from './support';

/**
 * Renovation loans on real PostgreSQL, Redis and the test broker. The agreement (test builder):
 * guaranteed rent 780.00, a loan of 12,000.00 repaid 150.00 a month, to 31 December 2033. "Today"
 * is 20 November 2026, then 2 December 2026 and 2 January 2027 (restarts). Amounts by hand.
 */
describe('renovation loans', () => {
  const suite = leasesSuite();
  let flat: FlatInScheme;

  beforeAll(async () => {
    flat = await flatInScheme(suite.service, suite.producer);
  });

  const statementOf = async (headLeaseId: string) => (await suite.service.http.get(`/head-leases/${headLeaseId}/statement`).set(staff).expect(200)).body;
  const statementWith = (headLeaseId: string, months: number) =>
    eventually(async () => {
      const statement = await statementOf(headLeaseId);
      expect(statement.months).toHaveLength(months);
      return statement;
    }, 30_000);
  const repay = (headLeaseId: string, body: Record<string, unknown>, auth = staff) => suite.service.http.post(`/head-leases/${headLeaseId}/loan/early-repayments`).set(auth).send(body);

  it('lends the agreement’s loan with the head lease and shows its balance and schedule on the statement', async () => {
    const disbursed = (await waitForEvents(Topics.leases, flat.headLeaseId, ['RenovationLoanDisbursed'], 30_000)).find((e) => e.type === 'RenovationLoanDisbursed')!;
    expect(disbursed.payload).toEqual({
      headLeaseId: flat.headLeaseId,
      unitId: flat.unitId,
      landlordId: flat.landlordId,
      loanId: flat.agreementId,
      principalCents: 1_200_000,
      monthlyRepaymentCents: 15_000,
      disbursedOn: TODAY,
    });
    // November: 150.00 deducted, 11,850.00 left; then 150.00 a month: 1,200,000 / 15,000 = 80 instalments, November 2026 + 79 months = June 2033.
    const { loan } = await statementWith(flat.headLeaseId, 1);
    expect(loan).toMatchObject({ principalCents: 1_200_000, monthlyRepaymentCents: 15_000, disbursedOn: TODAY, deductedCents: 15_000, repaidEarlyCents: 0, outstandingCents: 1_185_000, earlyRepayments: [] });
    expect(loan.schedule).toHaveLength(80);
    expect(loan.schedule.slice(0, 2)).toEqual([
      { month: '2026-11', deductedCents: 15_000, repaidEarlyCents: 0, balanceCents: 1_185_000, projected: false },
      { month: '2026-12', deductedCents: 15_000, repaidEarlyCents: 0, balanceCents: 1_170_000, projected: true },
    ]);
    expect(loan.schedule.at(-1)).toEqual({ month: '2033-06', deductedCents: 15_000, repaidEarlyCents: 0, balanceCents: 0, projected: true });
    expect(loan).toMatchObject({ repaidInMonth: '2033-06', outstandingAtEndCents: 0 });

    // The owner sees their loan; another landlord gets 404.
    expect((await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement`).set(bearer('landlord', { landlordId: flat.landlordId })).expect(200)).body.loan.outstandingCents).toBe(1_185_000);
    await suite.service.http.get(`/head-leases/${flat.headLeaseId}/statement`).set(bearer('landlord')).expect(404);
  });

  it('refuses a bad early repayment naming the fields, writing nothing and publishing nothing', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ amount: -5, repaidOn: '2026-02-30' }, ['amount', 'repaidOn']],
      [{ amount: 10.001, repaidOn: TODAY, note: 'x' }, ['amount']],
      [{ amount: 10, repaidOn: '2026-11-21' }, ['repaidOn']], // in the future
      [{ amount: 10, repaidOn: '2026-11-19' }, ['repaidOn']], // before the loan was lent
    ];
    for (const [body, fields] of cases) {
      const { body: problem, headers } = await repay(flat.headLeaseId, body).expect(400);
      expect(headers['content-type']).toContain('application/problem+json');
      expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
    }
    expect((await repay(flat.headLeaseId, { amount: 11_850.01, repaidOn: TODAY }).expect(409)).body.code).toBe('LOAN.OVERPAYMENT');
    await repay(flat.headLeaseId, { amount: 10, repaidOn: TODAY }, bearer('landlord', { landlordId: flat.landlordId })).expect(403);
    await repay(flat.headLeaseId, { amount: 10, repaidOn: TODAY }, bearer('caseworker')).expect(403);
    await repay(randomUUID(), { amount: 10, repaidOn: TODAY }).expect(404);
    const withoutLoan = await flatInScheme(suite.service, suite.producer, { renovationLoan: null });
    expect((await repay(withoutLoan.headLeaseId, { amount: 10, repaidOn: TODAY }).expect(409)).body.code).toBe('LOAN.NONE');
    expect((await statementOf(flat.headLeaseId)).loan).toMatchObject({ repaidEarlyCents: 0, outstandingCents: 1_185_000 });

    // 11,000.00 repaid early today: 85,000 left. Its event is the positive signal that the refused ones published nothing before it.
    expect((await repay(flat.headLeaseId, { amount: 11_000, repaidOn: TODAY }).expect(201)).body).toEqual({ repaidCents: 1_100_000, repaidOn: TODAY, outstandingCents: 85_000 });
    const early = await eventually(async () => {
      const events = (await readEvents(Topics.leases, flat.headLeaseId)).filter((e) => e.type === 'RenovationLoanRepaidEarly');
      expect(events.length).toBeGreaterThan(0);
      return events;
    }, 30_000);
    expect(early.map((e) => e.payload)).toEqual([
      { headLeaseId: flat.headLeaseId, unitId: flat.unitId, landlordId: flat.landlordId, loanId: flat.agreementId, amountCents: 1_100_000, repaidOn: TODAY, remainingCents: 85_000 },
    ]);
    // 85,000 left at 150.00 a month: December 70,000, January 55,000, February 40,000, March 25,000, April 10,000, May the last 100.00.
    const { loan } = await statementOf(flat.headLeaseId);
    expect(loan.schedule.map((l: { month: string; deductedCents: number; repaidEarlyCents: number; balanceCents: number }) => [l.month, l.deductedCents, l.repaidEarlyCents, l.balanceCents])).toEqual([
      ['2026-11', 15_000, 1_100_000, 85_000],
      ['2026-12', 15_000, 0, 70_000],
      ['2027-01', 15_000, 0, 55_000],
      ['2027-02', 15_000, 0, 40_000],
      ['2027-03', 15_000, 0, 25_000],
      ['2027-04', 15_000, 0, 10_000],
      ['2027-05', 10_000, 0, 0],
    ]);
    expect(loan).toMatchObject({ repaidInMonth: '2027-05', earlyRepayments: [{ repaidOn: TODAY, amountCents: 1_100_000 }] });
  });

  it('deducts the instalment each month until the loan is repaid, then nothing; every total reconciles', async () => {
    // 2 December: December's 150.00 deducted, 700.00 left, which the owner repays early.
    await suite.restartOn('2026-12-02');
    await statementWith(flat.headLeaseId, 2);
    expect((await repay(flat.headLeaseId, { amount: 700, repaidOn: '2026-12-02' }).expect(201)).body.outstandingCents).toBe(0);
    expect((await repay(flat.headLeaseId, { amount: 0.01, repaidOn: '2026-12-02' }).expect(409)).body.code).toBe('LOAN.OVERPAYMENT');

    // 2 January: January owes the whole guaranteed rent, no instalment.
    await suite.restartOn('2027-01-02');
    const statement = await statementWith(flat.headLeaseId, 3);
    expect(statement.months.map((m: { month: string; guaranteedRentCents: number; loanRepaymentCents: number; dueCents: number }) => [m.month, m.guaranteedRentCents, m.loanRepaymentCents, m.dueCents])).toEqual([
      ['2026-11', 28_600, 15_000, 13_600],
      ['2026-12', 78_000, 15_000, 63_000],
      ['2027-01', 78_000, 0, 78_000],
    ]);
    // Guaranteed 184,600 − loan 30,000 − fee 0 = due 154,600; nothing paid: owed 154,600.
    expect(statement.totals).toEqual({ guaranteedRentCents: 184_600, loanRepaymentCents: 30_000, managementFeeCents: 0, dueCents: 154_600, paidCents: 0, owedCents: 154_600 });
    // Lent 1,200,000 − deducted 30,000 − repaid early 1,170,000 = 0.
    expect(statement.loan).toMatchObject({ deductedCents: 30_000, repaidEarlyCents: 1_170_000, repaidCents: 1_200_000, outstandingCents: 0, repaidInMonth: '2026-12', outstandingAtEndCents: 0 });
    expect(statement.loan.schedule.map((l: { month: string; balanceCents: number; projected: boolean }) => [l.month, l.balanceCents, l.projected])).toEqual([
      ['2026-11', 85_000, false],
      ['2026-12', 0, false],
    ]);

    // January's due is published (the positive signal); no instalment was deducted for it.
    const events = await waitForEvents(Topics.leases, flat.headLeaseId, ['OwnerPaymentDue'], 30_000);
    await eventually(async () => {
      const dues = (await readEvents(Topics.leases, flat.headLeaseId)).filter((e) => e.type === 'OwnerPaymentDue').map((e) => e.payload.month);
      expect(dues).toEqual(['2026-11', '2026-12', '2027-01']);
    }, 30_000);
    expect(events.length).toBeGreaterThan(0);
    const deducted = (await readEvents(Topics.leases, flat.headLeaseId)).filter((e) => e.type === 'LoanRepaymentDeducted').map((e) => [e.payload.month, e.payload.amountCents, e.payload.remainingCents]);
    expect(deducted).toEqual([
      ['2026-11', 15_000, 1_185_000],
      ['2026-12', 15_000, 70_000],
    ]);
  });

  it('prints the loan, its early repayments and when it was repaid on the owner’s statement, in the owner’s language', async () => {
    const owner = bearer('landlord', { landlordId: flat.landlordId });
    const fr = await pdfAt(suite.service, `/head-leases/${flat.headLeaseId}/statement.pdf?language=fr`, owner);
    expect(fr).toContain('Prêt de rénovation');
    expect(fr).toContain('Prêté le 20 novembre 2026 : 12 000,00 €');
    expect(fr).toContain('Remboursement anticipé le 20 novembre 2026 : 11 000,00 €');
    expect(fr).toContain('Remboursement anticipé le 2 décembre 2026 : 700,00 €');
    expect(fr).toContain('Entièrement remboursé en décembre 2026.');
    const nl = await pdfAt(suite.service, `/head-leases/${flat.headLeaseId}/statement.pdf?language=nl`, owner);
    expect(nl).toContain('Geleend op 20 november 2026: € 12.000,00');
    expect(nl).toContain('Volledig terugbetaald in december 2026.');
    const en = await pdfAt(suite.service, `/head-leases/${flat.headLeaseId}/statement.pdf?language=en`, owner);
    expect(en).toContain('Lent on 20 November 2026: €12,000.00, repaid by €150.00 a month');
    expect(en).toContain('Deducted so far €300.00, repaid early €11,700.00, outstanding €0.00.');
  });
});
