import fc from 'fast-check';
import { addDays, daysInMonth, monthsBetween } from './calendar';
import { ageingOf, arrearsOn, chargeFor, managementFeeCents, ownerMonth, roundDiv, stagesToAnnounce } from './ledger';

const policy = { establishedMonths: 2, partialMonths: 1 };
const terms = { rentCents: 70_000, serviceChargesCents: 5_000, benefitCents: 10_000, startDate: '2026-09-15', lastDay: null };

describe('calendar', () => {
  it('knows month lengths, leap years included', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2025-02')).toBe(28);
    expect(daysInMonth('2100-02')).toBe(28);
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('2026-04')).toBe(30);
    expect(daysInMonth('2026-12')).toBe(31);
  });

  it('lists months across a year end and adds days across month ends', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2027-02', '2026-11')).toEqual([]);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('monthly charges', () => {
  it('charges a full month of rent and service charges, due on the first', () => {
    expect(chargeFor(terms, '2026-10')).toEqual({ month: '2026-10', dueOn: '2026-10-01', amountCents: 75_000, benefitCents: 10_000 });
  });

  it('prorates a first partial month by day: 16 of 30 days of September', () => {
    // 75,000 × 16 / 30 = 40,000; benefit 10,000 × 16 / 30 = 5,333.33 → 5,333
    expect(chargeFor(terms, '2026-09')).toEqual({ month: '2026-09', dueOn: '2026-09-15', amountCents: 40_000, benefitCents: 5_333 });
  });

  it('prorates a last partial month, in a leap February', () => {
    // 10 of 29 days: 75,000 × 10 / 29 = 25,862.07 → 25,862
    expect(chargeFor({ ...terms, startDate: '2024-01-01', lastDay: '2024-02-10' }, '2024-02')?.amountCents).toBe(25_862);
    // 10 of 28 days: 75,000 × 10 / 28 = 26,785.71 → 26,786
    expect(chargeFor({ ...terms, startDate: '2025-01-01', lastDay: '2025-02-10' }, '2025-02')?.amountCents).toBe(26_786);
  });

  it('charges nothing for a month the tenancy does not reach', () => {
    expect(chargeFor(terms, '2026-08')).toBeNull();
    expect(chargeFor({ ...terms, lastDay: '2026-10-31' }, '2026-11')).toBeNull();
  });

  it('rounds halves up, in whole numbers only', () => {
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(7, 3)).toBe(2);
    expect(roundDiv(8, 3)).toBe(3);
    expect(() => roundDiv(1.5, 2)).toThrow(RangeError);
  });
});

describe('arrears', () => {
  const charges = [
    { dueOn: '2026-09-15', amountCents: 40_000 },
    { dueOn: '2026-10-01', amountCents: 75_000 },
    { dueOn: '2026-11-01', amountCents: 75_000 },
  ];

  it('settles payments against the oldest charges first and ages what is left', () => {
    // Paid 75,333: September (40,000) in full, 35,333 of October; open: October 39,667 + November 75,000.
    const state = arrearsOn(charges, 75_333, '2026-11-20', 75_000, policy);
    expect(state).toEqual({
      balanceCents: 114_667,
      arrearsCents: 114_667,
      oldestUnpaidDueOn: '2026-10-01',
      daysOverdue: 50,
      ageing: '31_60',
      whollyUnpaidMonths: 1,
      monthsUnpaid: 1.52,
      // more than one month of rent and charges outstanding: established
      stage: 'established',
      atRisk: true,
    });
  });

  it('does not count a charge due today as overdue', () => {
    const state = arrearsOn([{ dueOn: '2026-11-01', amountCents: 75_000 }], 0, '2026-11-01', 75_000, policy);
    expect(state).toMatchObject({ balanceCents: 75_000, arrearsCents: 0, ageing: 'none', stage: null, atRisk: false });
  });

  it('is a reminder on the first missed payment and established at two wholly unpaid months', () => {
    const one = arrearsOn([{ dueOn: '2026-10-01', amountCents: 75_000 }], 0, '2026-10-02', 75_000, policy);
    expect(one).toMatchObject({ arrearsCents: 75_000, daysOverdue: 1, ageing: '0_30', stage: 'reminder', whollyUnpaidMonths: 1, atRisk: true });
    const partial = arrearsOn([{ dueOn: '2026-10-01', amountCents: 75_000 }], 30_000, '2026-10-20', 75_000, policy);
    expect(partial).toMatchObject({ arrearsCents: 45_000, stage: 'reminder', atRisk: false, whollyUnpaidMonths: 0 });
    const two = arrearsOn(charges.slice(1), 0, '2026-11-02', 75_000, { establishedMonths: 2, partialMonths: 3 });
    expect(two).toMatchObject({ arrearsCents: 150_000, whollyUnpaidMonths: 2, stage: 'established' });
  });

  it('keeps an overpayment as a credit (negative balance), never as arrears', () => {
    expect(arrearsOn(charges, 200_000, '2026-11-20', 75_000, policy)).toMatchObject({ balanceCents: -10_000, arrearsCents: 0, ageing: 'none', stage: null });
  });

  it('buckets days overdue at 30, 60 and 90', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(ageingOf)).toEqual(['none', '0_30', '0_30', '31_60', '31_60', '61_90', '61_90', '90_plus']);
  });

  it('announces each ladder step once, in order', () => {
    expect(stagesToAnnounce(null, 'established')).toEqual(['reminder', 'established']);
    expect(stagesToAnnounce('reminder', 'established')).toEqual(['established']);
    expect(stagesToAnnounce('established', 'reminder')).toEqual([]);
    expect(stagesToAnnounce('reminder', null)).toEqual([]);
    // Notice and claim are later steps (the claim engine's): the arrears still being established announces nothing again.
    expect(stagesToAnnounce('notice', 'established')).toEqual([]);
    expect(stagesToAnnounce('claim', 'established')).toEqual([]);
  });

  it('reconciles for any charges and payments: charged − paid = balance, arrears within [0, balance ∨ 0]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 400 }), amountCents: fc.integer({ min: 0, max: 500_000 }) }), { maxLength: 24 }),
        fc.array(fc.integer({ min: 1, max: 500_000 }), { maxLength: 24 }),
        fc.integer({ min: 0, max: 500 }),
        (raw, payments, todayOffset) => {
          const list = raw.map((c) => ({ dueOn: addDays('2025-01-01', c.day), amountCents: c.amountCents }));
          const paid = payments.reduce((a, b) => a + b, 0);
          const state = arrearsOn(list, paid, addDays('2025-01-01', todayOffset), 75_000, policy);
          const charged = list.reduce((a, c) => a + c.amountCents, 0);
          expect(state.balanceCents).toBe(charged - paid);
          expect(Number.isInteger(state.arrearsCents)).toBe(true);
          expect(state.arrearsCents).toBeGreaterThanOrEqual(0);
          expect(state.arrearsCents).toBeLessThanOrEqual(Math.max(0, state.balanceCents));
        },
      ),
    );
  });
});

describe('the owner’s month', () => {
  const lease = { startDate: '2026-01-01', endDate: '2033-12-31', guaranteedRentCents: 78_000, managementFeeCents: 0, loanMonthlyCents: 15_000 };

  it('owes the guaranteed rent less the loan instalment', () => {
    expect(ownerMonth({ ...lease, month: '2026-11', loanOutstandingCents: 1_200_000 })).toEqual({
      guaranteedRentCents: 78_000,
      loanRepaymentCents: 15_000,
      managementFeeCents: 0,
      dueCents: 63_000,
    });
  });

  it('deducts only what is left of the loan, and stops when it is repaid', () => {
    expect(ownerMonth({ ...lease, month: '2026-11', loanOutstandingCents: 4_000 })?.dueCents).toBe(74_000);
    expect(ownerMonth({ ...lease, month: '2026-11', loanOutstandingCents: 0 })?.dueCents).toBe(78_000);
  });

  it('prorates a first partial month: 11 of 30 days of November', () => {
    // 78,000 × 11 / 30 = 28,600; the 15,000 instalment fits
    expect(ownerMonth({ ...lease, startDate: '2026-11-20', month: '2026-11', loanOutstandingCents: 1_200_000 })).toEqual({
      guaranteedRentCents: 28_600,
      loanRepaymentCents: 15_000,
      managementFeeCents: 0,
      dueCents: 13_600,
    });
  });

  it('never owes a negative amount: a one-day month takes a smaller instalment', () => {
    // 78,000 × 1 / 30 = 2,600 → instalment capped at 2,600
    expect(ownerMonth({ ...lease, startDate: '2026-11-30', month: '2026-11', loanOutstandingCents: 1_200_000 })).toMatchObject({ loanRepaymentCents: 2_600, dueCents: 0 });
  });

  it('takes the management fee under a mandate: 8 % of 780.00 is 62.40', () => {
    expect(managementFeeCents(78_000, 800)).toBe(6_240);
    expect(managementFeeCents(12_345, 800)).toBe(988); // 987.6 → 988
    expect(ownerMonth({ ...lease, managementFeeCents: 6_240, loanMonthlyCents: 0, month: '2026-11', loanOutstandingCents: 0 })?.dueCents).toBe(71_760);
  });

  it('reconciles for any terms: due = guaranteed − instalment − fee, never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 1, max: 30 }),
        (rent, bp, instalment, outstanding, startDay) => {
          const m = ownerMonth({
            month: '2026-11',
            startDate: `2026-11-${String(startDay).padStart(2, '0')}`,
            endDate: '2030-01-01',
            guaranteedRentCents: rent,
            managementFeeCents: managementFeeCents(rent, bp),
            loanMonthlyCents: instalment,
            loanOutstandingCents: outstanding,
          })!;
          expect(m.dueCents).toBe(m.guaranteedRentCents - m.loanRepaymentCents - m.managementFeeCents);
          expect(m.dueCents).toBeGreaterThanOrEqual(0);
          expect(m.loanRepaymentCents).toBeLessThanOrEqual(Math.min(instalment, outstanding));
        },
      ),
    );
  });
});
