import fc from 'fast-check';
import { monthsBetween } from '../../ledger/domain/calendar';
import { ownerMonth } from '../../ledger/domain/ledger';
import { LoanDeduction, LoanEarlyRepayment, loanOutstandingCents, loanSchedule } from './renovation-loan';

describe('the renovation loan', () => {
  it('worked example: lent 1,000.00 repaid 300.00 a month, 250.00 repaid early in the second month', () => {
    // November 300.00 → 700.00 left; December 300.00 and 250.00 early → 150.00 left; January's
    // instalment is only what is left, 150.00 → repaid in January 2027.
    const schedule = loanSchedule({
      principalCents: 100_000,
      monthlyCents: 30_000,
      deductions: [
        { month: '2026-11', amountCents: 30_000 },
        { month: '2026-12', amountCents: 30_000 },
      ],
      earlyRepayments: [{ repaidOn: '2026-12-15', amountCents: 25_000 }],
      projectFrom: '2027-01',
      lastMonth: '2033-12',
    });
    expect(schedule.lines).toEqual([
      { month: '2026-11', deductedCents: 30_000, repaidEarlyCents: 0, balanceCents: 70_000, projected: false },
      { month: '2026-12', deductedCents: 30_000, repaidEarlyCents: 25_000, balanceCents: 15_000, projected: false },
      { month: '2027-01', deductedCents: 15_000, repaidEarlyCents: 0, balanceCents: 0, projected: true },
    ]);
    expect(schedule).toMatchObject({ deductedCents: 60_000, repaidEarlyCents: 25_000, outstandingCents: 15_000, repaidInMonth: '2027-01', outstandingAtEndCents: 0 });
  });

  it('says what would be left at the contract’s end when the instalments cannot repay it in time', () => {
    // 1,000.00 at 300.00 a month from November to January: 100.00 left when the contract ends.
    const schedule = loanSchedule({ principalCents: 100_000, monthlyCents: 30_000, deductions: [], earlyRepayments: [], projectFrom: '2026-11', lastMonth: '2027-01' });
    expect(schedule.lines.map((l) => [l.month, l.deductedCents, l.balanceCents])).toEqual([
      ['2026-11', 30_000, 70_000],
      ['2026-12', 30_000, 40_000],
      ['2027-01', 30_000, 10_000],
    ]);
    expect(schedule).toMatchObject({ repaidInMonth: null, outstandingAtEndCents: 10_000 });
  });

  it('a loan repaid early in full expects no more instalments', () => {
    const schedule = loanSchedule({
      principalCents: 50_000,
      monthlyCents: 10_000,
      deductions: [{ month: '2026-11', amountCents: 10_000 }],
      earlyRepayments: [{ repaidOn: '2026-11-20', amountCents: 40_000 }],
      projectFrom: '2026-12',
      lastMonth: '2033-12',
    });
    expect(schedule.lines).toEqual([{ month: '2026-11', deductedCents: 10_000, repaidEarlyCents: 40_000, balanceCents: 0, projected: false }]);
    expect(schedule).toMatchObject({ outstandingCents: 0, repaidInMonth: '2026-11' });
  });

  it('property: over any months, fees, owner payments and early repayments, due − paid = owed, guaranteed − loan − fee = due, and the loan reconciles to its principal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 28 }),
        fc.array(fc.record({ month: fc.integer({ min: 0, max: 35 }), cents: fc.integer({ min: 1, max: 1_000_000 }) }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 36, maxLength: 36 }),
        (guaranteedRentCents, managementFeeCents, principalCents, loanMonthlyCents, startDay, early, paidPercent) => {
          const months = monthsBetween('2026-01', '2028-12');
          const startDate = `2026-01-${String(startDay).padStart(2, '0')}`;
          const deductions: LoanDeduction[] = [];
          const earlyRepayments: LoanEarlyRepayment[] = [];
          let due = 0;
          let paid = 0;
          let owed = 0;
          let guaranteed = 0;
          let loan = 0;
          let fee = 0;
          months.forEach((month, i) => {
            // The month's instalment first (the monthly run), then any early repayment in the month, never more than is left.
            const outstanding = loanOutstandingCents(principalCents, deductions, earlyRepayments);
            const m = ownerMonth({ month, startDate, endDate: '2028-12-31', guaranteedRentCents, managementFeeCents: Math.min(managementFeeCents, guaranteedRentCents), loanMonthlyCents, loanOutstandingCents: outstanding });
            if (!m) return;
            if (m.loanRepaymentCents > 0) deductions.push({ month, amountCents: m.loanRepaymentCents });
            for (const e of early.filter((e) => e.month === i)) {
              const left = loanOutstandingCents(principalCents, deductions, earlyRepayments);
              if (left > 0) earlyRepayments.push({ repaidOn: `${month}-28`, amountCents: Math.min(e.cents, left) });
            }
            // A naive owner account: pay a share of what is due, in whole cents.
            const paidNow = Math.floor((m.dueCents * paidPercent[i]) / 100);
            guaranteed += m.guaranteedRentCents;
            loan += m.loanRepaymentCents;
            fee += m.managementFeeCents;
            due += m.dueCents;
            paid += paidNow;
            owed += m.dueCents - paidNow;
            expect(m.dueCents).toBeGreaterThanOrEqual(0);
          });
          expect(guaranteed - loan - fee).toBe(due);
          expect(due - paid).toBe(owed);
          const schedule = loanSchedule({ principalCents, monthlyCents: loanMonthlyCents, deductions, earlyRepayments, projectFrom: '2029-01', lastMonth: '2040-12' });
          expect(schedule.deductedCents).toBe(loan);
          expect(schedule.outstandingCents).toBe(principalCents - loan - schedule.repaidEarlyCents);
          expect(schedule.outstandingCents).toBeGreaterThanOrEqual(0);
          // The schedule's lines account for every cent: what they deduct and repay early is the principal less what remains at the end.
          const accounted = schedule.lines.reduce((sum, l) => sum + l.deductedCents + l.repaidEarlyCents, 0);
          expect(accounted).toBe(principalCents - schedule.outstandingAtEndCents);
          expect(schedule.lines.every((l) => l.balanceCents >= 0)).toBe(true);
          if (schedule.repaidInMonth) expect(schedule.outstandingAtEndCents).toBe(0);
        },
      ),
    );
  });
});
