import fc from 'fast-check';
import { addDays } from './calendar';
import { arrearsOn, LedgerCharge, openChargesCovering } from './ledger';

const policy = { establishedMonths: 2, partialMonths: 1 };

describe('reading the arrears from the newest charges only (the set-wise charge run and bank import)', () => {
  // 750.00 a month from 1 August to 1 November, 1,500.00 paid: August and September are settled,
  // October and November (1,500.00) are open.
  const charges: LedgerCharge[] = ['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'].map((dueOn) => ({ dueOn, amountCents: 75_000 }));
  const newestFirst = [...charges].reverse();

  it('keeps the charges the balance covers and the payments they did not take', () => {
    expect(openChargesCovering(newestFirst, 150_000)).toEqual({ charges: [newestFirst[0], newestFirst[1]], paymentsCents: 0 });
    // 1,000.00 owed: November open, October open for 250.00 of its 750.00 (500.00 of the payments went to it).
    expect(openChargesCovering(newestFirst, 100_000)).toEqual({ charges: [newestFirst[0], newestFirst[1]], paymentsCents: 50_000 });
    expect(openChargesCovering(newestFirst, 0)).toEqual({ charges: [], paymentsCents: 0 });
    // In credit by 20.00: nothing open.
    expect(openChargesCovering(newestFirst, -2_000)).toEqual({ charges: [], paymentsCents: 2_000 });
  });

  it('gives up when the charges read do not cover the balance', () => {
    expect(openChargesCovering(newestFirst.slice(0, 2), 150_001)).toBeNull();
    expect(openChargesCovering([], 1)).toBeNull();
  });

  it('reads the same arrears as the whole ledger, for any charges, payments and day', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 900 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 30, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 300_000 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 30 }),
        (days, amounts, payments, todayOffset, newestRead) => {
          const all = days.map((day, i) => ({ dueOn: addDays('2024-01-01', day), amountCents: amounts[i] }));
          const paid = payments.reduce((a, b) => a + b, 0);
          const today = addDays('2024-01-01', todayOffset);
          const whole = arrearsOn(all, paid, today, 75_000, policy);
          const newest = [...all].sort((a, b) => (a.dueOn < b.dueOn ? 1 : -1));
          // All the charges always cover the balance; only some of them may not.
          for (const read of [newest, newest.slice(0, newestRead)]) {
            const reading = openChargesCovering(read, whole.balanceCents);
            if (read === newest) expect(reading).not.toBeNull();
            if (reading) expect(arrearsOn(reading.charges, reading.paymentsCents, today, 75_000, policy)).toEqual(whole);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
