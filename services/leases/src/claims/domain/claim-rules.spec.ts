import fc from 'fast-check';
import { addDays } from '../../ledger/domain/calendar';
import { arrearsOn } from '../../ledger/domain/ledger';
import {
  assertClaimTransition,
  claimDueOn,
  claimFileBy,
  claimShares,
  coveredByGuaranteedRentCents,
  damageClaim,
  monthAddBy,
  monthsToClaim,
  newDeficiencies,
  noticeDeadline,
  noticePayBy,
  occupationMonths,
  repairCostCents,
  unpaidMonths,
  vacancyCents,
} from './claim-rules';

// The defaults of the configuration: notice within 15 days, 8 days to pay, claim within 30, each month within 30, 18 months.
const deadlines = { noticeWithinDays: 15, noticePayDays: 8, claimWithinDays: 30, monthWithinDays: 30, maxMonths: 18 };

describe('the arrears ladder’s deadlines, worked by hand on the calendar', () => {
  it('files the claim within 30 days of establishment, across a leap February and a common one', () => {
    // 2028 is a leap year: 31 January + 30 days = 29 February (+29) + 1 = 1 March.
    expect(claimFileBy('2028-01-31', deadlines)).toBe('2028-03-01');
    // 2027 is not: 28 February is +28, 1 March +29, 2 March +30.
    expect(claimFileBy('2027-01-31', deadlines)).toBe('2027-03-02');
    // Across the year end: 15 December + 30 = 14 January.
    expect(claimFileBy('2026-12-15', deadlines)).toBe('2027-01-14');
  });

  it('sends the formal notice within 15 days of establishment, paying within 8 days; the claim is due the day after', () => {
    expect(noticeDeadline('2028-02-20', deadlines)).toBe('2028-03-06'); // 29 February is the 9th day
    expect(noticeDeadline('2027-02-20', deadlines)).toBe('2027-03-07');
    expect(noticePayBy('2028-02-25', deadlines)).toBe('2028-03-04'); // 26, 27, 28, 29 Feb, 1, 2, 3, 4 Mar
    expect(noticePayBy('2027-02-25', deadlines)).toBe('2027-03-05'); // 26, 27, 28 Feb, 1–5 Mar
    expect(claimDueOn('2028-02-25', deadlines)).toBe('2028-03-05');
  });

  it('adds each further unpaid month within 30 days of its due date', () => {
    expect(monthAddBy('2028-02-01', deadlines)).toBe('2028-03-02'); // February 2028 has 29 days
    expect(monthAddBy('2027-02-01', deadlines)).toBe('2027-03-03'); // February 2027 has 28
    expect(monthAddBy('2026-12-31', deadlines)).toBe('2027-01-30');
  });
});

describe('months to claim', () => {
  const charges = [
    { month: '2028-01', dueOn: '2028-01-01', amountCents: 75_000 },
    { month: '2028-03', dueOn: '2028-03-01', amountCents: 75_000 },
    { month: '2028-02', dueOn: '2028-02-01', amountCents: 75_000 },
  ];

  it('settles payments oldest first and keeps months past due with something unpaid', () => {
    // 100,000 paid: January whole (75,000), February 25,000 of 75,000; March falls due today, not yet overdue.
    expect(unpaidMonths(charges, 100_000, '2028-03-01')).toEqual([{ month: '2028-02', dueOn: '2028-02-01', openCents: 50_000 }]);
    expect(unpaidMonths(charges, 0, '2028-03-02').map((m) => [m.month, m.openCents])).toEqual([
      ['2028-01', 75_000],
      ['2028-02', 75_000],
      ['2028-03', 75_000],
    ]);
    expect(unpaidMonths(charges, 225_000, '2028-04-01')).toEqual([]);
  });

  it('claims each month once, oldest first, up to the cap over the tenancy', () => {
    const unpaid = ['2028-01', '2028-02', '2028-03', '2028-04'].map((month) => ({ month, dueOn: `${month}-01`, openCents: 1 }));
    expect(monthsToClaim(unpaid, new Set(['2028-01']), 3).map((m) => m.month)).toEqual(['2028-02', '2028-03']);
    expect(monthsToClaim(unpaid, new Set(['2028-01', '2028-02', '2028-03']), 3)).toEqual([]);
    expect(monthsToClaim(unpaid, new Set(), 18)).toHaveLength(4);
  });
});

describe('damage at exit', () => {
  const tariff = { low: 5_000, moderate: 25_000, severe: 75_000, life_threatening: 150_000 };

  it('counts what the move-out found that the move-in did not, priced at the tariff', () => {
    const found = newDeficiencies({ low: 1, moderate: 0, severe: 0, life_threatening: 0 }, { low: 3, moderate: 2, severe: 1, life_threatening: 0 });
    expect(found).toEqual({ low: 2, moderate: 2, severe: 1, life_threatening: 0 });
    // 2 × 50.00 + 2 × 250.00 + 1 × 750.00 = 1,350.00
    expect(repairCostCents(found, tariff)).toBe(135_000);
    // Fewer deficiencies than at move-in is no damage (never negative); no move-in inspection: all are new.
    expect(newDeficiencies({ low: 4, moderate: 0, severe: 0, life_threatening: 0 }, { low: 1, moderate: 0, severe: 0, life_threatening: 0 }).low).toBe(0);
    expect(newDeficiencies(null, { low: 1, moderate: 2, severe: 0, life_threatening: 0 })).toEqual({ low: 1, moderate: 2, severe: 0, life_threatening: 0 });
  });

  it('counts whole months of occupation, month ends and leap days clamped', () => {
    // From 29 February 2024: 24 months later is 28 February 2026 (clamped), reached when the last day is the 27th.
    expect(occupationMonths('2024-02-29', '2026-02-27')).toBe(24);
    expect(occupationMonths('2024-02-29', '2026-02-26')).toBe(23);
    // A month from 31 January 2026 is 28 February; from 31 January 2028 it is 29 February.
    expect(occupationMonths('2026-01-31', '2026-02-27')).toBe(1);
    expect(occupationMonths('2028-01-31', '2028-02-27')).toBe(0);
    expect(occupationMonths('2028-01-31', '2028-02-28')).toBe(1);
    expect(occupationMonths('2025-03-15', '2025-03-15')).toBe(0);
  });

  it('reduces the cost for normal wear per year of occupation, then caps it by the cover', () => {
    // 30 months at 10 % a year: 1,350.00 × 1,000 × 30 / 120,000 = 337.50 of wear; 1,012.50 left; cover 1,000.00.
    const base = { grossCents: 135_000, startDate: '2024-02-29', lastDay: '2026-08-28', wearBasisPointsPerYear: 1_000 };
    expect(damageClaim({ ...base, capCents: 100_000 })).toEqual({ grossCents: 135_000, occupationMonths: 30, wearCents: 33_750, capCents: 100_000, claimedCents: 100_000 });
    expect(damageClaim({ ...base, capCents: 150_000 }).claimedCents).toBe(101_250);
    // Rounding half up in whole cents: 100.01 over 7 months at 10 %: 10,001 × 7,000 / 120,000 = 583.39 → 583.
    expect(damageClaim({ grossCents: 10_001, startDate: '2026-01-01', lastDay: '2026-07-31', wearBasisPointsPerYear: 1_000, capCents: 1_000_000 })).toMatchObject({
      occupationMonths: 7,
      wearCents: 583,
      claimedCents: 9_418,
    });
    // 0.12 over one month at 50 %: 12 × 5,000 / 120,000 = 0.5 cent → 1.
    expect(damageClaim({ grossCents: 12, startDate: '2026-01-01', lastDay: '2026-01-31', wearBasisPointsPerYear: 5_000, capCents: 100 }).wearCents).toBe(1);
    // Fifteen years at 10 %: wear is the whole cost, never more; nothing left to claim.
    expect(damageClaim({ grossCents: 50_000, startDate: '2010-01-01', lastDay: '2024-12-31', wearBasisPointsPerYear: 1_000, capCents: 100_000 })).toMatchObject({
      occupationMonths: 180,
      wearCents: 50_000,
      claimedCents: 0,
    });
  });
});

describe('vacancy', () => {
  it('claims the guaranteed rent of the empty days, prorated within each month', () => {
    // 800.00 a month; 15–29 February 2028 is 15 of 29 days: 12,000.00 / 29 = 413.7931 → 413.79; 1–10 March, 10 of 31: 258.0645 → 258.06.
    expect(vacancyCents(80_000, '2028-02-15', '2028-03-10')).toEqual([
      { month: '2028-02', days: 15, amountCents: 41_379 },
      { month: '2028-03', days: 10, amountCents: 25_806 },
    ]);
    expect(vacancyCents(80_000, '2027-02-01', '2027-02-28')).toEqual([{ month: '2027-02', days: 28, amountCents: 80_000 }]);
  });
});

describe('the claim workflow', () => {
  it('goes opened → submitted → decided → paid → recovery, nothing else', () => {
    expect(() => assertClaimTransition('opened', 'submit')).not.toThrow();
    expect(() => assertClaimTransition('submitted', 'decide')).not.toThrow();
    expect(() => assertClaimTransition('partly_approved', 'pay')).not.toThrow();
    expect(() => assertClaimTransition('paid', 'recover')).not.toThrow();
    expect(() => assertClaimTransition('submitted', 'submit')).toThrow('A submitted claim cannot be submitted');
    expect(() => assertClaimTransition('opened', 'decide')).toThrow('An opened claim cannot be decided');
    expect(() => assertClaimTransition('rejected', 'pay')).toThrow('A rejected claim cannot be paid');
    expect(() => assertClaimTransition('approved', 'recover')).toThrow();
  });
});

describe('properties', () => {
  it('claims, month by month, exactly the arrears the ledger reads, and never a month twice or beyond the cap', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 47 }), { maxLength: 24 }),
        fc.array(fc.integer({ min: 0, max: 500_000 }), { maxLength: 24 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 1_500 }),
        fc.integer({ min: 1, max: 24 }),
        (monthIndexes, amounts, paid, todayOffset, cap) => {
          const charges = monthIndexes.map((i, k) => {
            const month = `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
            return { month, dueOn: `${month}-01`, amountCents: amounts[k] ?? 75_000 };
          });
          const today = addDays('2025-01-01', todayOffset);
          const unpaid = unpaidMonths(charges, paid, today);
          // The ledger's own reading (an independent loop in ledger.ts) is the reference.
          const state = arrearsOn(charges, paid, today, 75_000, { establishedMonths: 2, partialMonths: 1 });
          expect(unpaid.reduce((sum, m) => sum + m.openCents, 0)).toBe(state.arrearsCents);
          expect(unpaid.filter((m) => m.openCents === charges.find((c) => c.month === m.month)!.amountCents).length).toBe(state.whollyUnpaidMonths);
          const claimed = new Set(unpaid.slice(0, Math.floor(unpaid.length / 2)).map((m) => m.month));
          const next = monthsToClaim(unpaid, claimed, cap);
          expect(next.every((m) => !claimed.has(m.month))).toBe(true);
          expect(claimed.size + next.length).toBeLessThanOrEqual(Math.max(cap, claimed.size));
        },
      ),
    );
  });

  it('claims damage between nothing and the smaller of the cover and the cost, less wear the longer the occupation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        (grossCents, wearBasisPointsPerYear, days, capCents) => {
          const lastDay = addDays('2020-02-29', days);
          const proposal = damageClaim({ grossCents, startDate: '2020-02-29', lastDay, wearBasisPointsPerYear, capCents });
          expect(proposal.claimedCents).toBe(Math.min(capCents, grossCents - proposal.wearCents));
          expect(proposal.wearCents).toBeGreaterThanOrEqual(0);
          expect(proposal.wearCents).toBeLessThanOrEqual(grossCents);
          const later = damageClaim({ grossCents, startDate: '2020-02-29', lastDay: addDays(lastDay, 40), wearBasisPointsPerYear, capCents });
          expect(later.wearCents).toBeGreaterThanOrEqual(proposal.wearCents);
        },
      ),
    );
  });
});

describe('no month paid twice: a claim and the guaranteed rent (decision 0026)', () => {
  const headLeaseFrom20November = { from: '2026-11-20', to: '2033-12-31' };

  it('worked example: arrears from September, the head lease from 20 November, three quarters approved', () => {
    // Tenancy from 1 September, 750.00 a month unpaid September to December. The owner is owed the
    // guaranteed rent from 20 November: none of September and October, 11 of November's 30 days,
    // all of December. Covered: 0 + 0 + 75,000 × 11 / 30 = 27,500 + 75,000 = 102,500 of 300,000.
    const months = ['2026-09', '2026-10', '2026-11', '2026-12'].map((month) => ({ month, amountCents: 75_000 }));
    const covered = coveredByGuaranteedRentCents({ kind: 'arrears', claimed: { from: '2026-09-01', to: null }, headLease: headLeaseFrom20November, months });
    expect(covered).toBe(102_500);
    // 225,000 approved: the agency keeps 225,000 × 102,500 / 300,000 = 76,875; the owner gets 148,125.
    expect(claimShares(225_000, 300_000, covered)).toEqual({ ownerCents: 148_125, agencyCents: 76_875 });
  });

  it('worked example: a leap-year February, the tenancy ending on the 20th and the head lease on the 15th', () => {
    // January: claimed 10–31 (22 days), all under the head lease: 40,000 covered.
    // February 2024 (29 days): claimed 1–20 (20 days), covered 1–15 (15 days): 60,000 × 15 / 20 = 45,000.
    const covered = coveredByGuaranteedRentCents({
      kind: 'arrears',
      claimed: { from: '2024-01-10', to: '2024-02-20' },
      headLease: { from: '2023-06-01', to: '2024-02-15' },
      months: [
        { month: '2024-01', amountCents: 40_000 },
        { month: '2024-02', amountCents: 60_000 },
      ],
    });
    expect(covered).toBe(85_000);
    expect(claimShares(100_000, 100_000, covered)).toEqual({ ownerCents: 15_000, agencyCents: 85_000 });
  });

  it('a vacancy under the head lease was paid to the owner as guaranteed rent already: the claim is the agency’s', () => {
    // 11–19 November, 9 days of 780.00: 23,400, every day under a head lease running all year.
    const covered = coveredByGuaranteedRentCents({
      kind: 'vacancy',
      claimed: { from: '2026-11-11', to: '2026-11-19' },
      headLease: { from: '2026-01-01', to: '2033-12-31' },
      months: [{ month: '2026-11', amountCents: 23_400 }],
    });
    expect(covered).toBe(23_400);
    expect(claimShares(23_400, 23_400, covered)).toEqual({ ownerCents: 0, agencyCents: 23_400 });
    // Before the head lease started (the flat was not in the scheme): nothing covered, all the owner's.
    expect(coveredByGuaranteedRentCents({ kind: 'vacancy', claimed: { from: '2026-11-11', to: '2026-11-19' }, headLease: headLeaseFrom20November, months: [{ month: '2026-11', amountCents: 23_400 }] })).toBe(0);
  });

  it('damage and legal costs are not rent: the owner receives all that is approved', () => {
    const months = [{ month: '2026-12', amountCents: 250_000 }];
    expect(coveredByGuaranteedRentCents({ kind: 'damage', claimed: { from: '2026-12-01', to: null }, headLease: headLeaseFrom20November, months })).toBe(0);
    expect(claimShares(250_000, 250_000, 0)).toEqual({ ownerCents: 250_000, agencyCents: 0 });
  });

  it('rounds the agency’s share half up and the shares always add up to what was approved', () => {
    expect(claimShares(100, 300, 100)).toEqual({ ownerCents: 67, agencyCents: 33 });
    expect(claimShares(1, 2, 1)).toEqual({ ownerCents: 0, agencyCents: 1 });
    expect(claimShares(0, 300, 300)).toEqual({ ownerCents: 0, agencyCents: 0 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (claimed, approvedPercent, coveredPercent) => {
        const approved = Math.floor((claimed * approvedPercent) / 100);
        const covered = Math.floor((claimed * coveredPercent) / 100);
        const { ownerCents, agencyCents } = claimShares(approved, claimed, covered);
        expect(ownerCents + agencyCents).toBe(approved);
        expect(ownerCents).toBeGreaterThanOrEqual(0);
        expect(agencyCents).toBeGreaterThanOrEqual(0);
        expect(agencyCents).toBeLessThanOrEqual(covered);
      }),
    );
  });
});
