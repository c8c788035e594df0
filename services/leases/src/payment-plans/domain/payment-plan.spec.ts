import { addMonths } from '../../ledger/domain/calendar';
import { firstMissedInstalment, instalmentStandings, instalmentsFor } from './payment-plan';

describe('payment plans', () => {
  it('splits the total in whole cents, the remainder on the first instalments', () => {
    // 1,000.00 in 3: 333.34 + 333.33 + 333.33
    expect(instalmentsFor(100_000, 3, '2026-11-20').map((i) => i.amountCents)).toEqual([33_334, 33_333, 33_333]);
    expect(instalmentsFor(100_000, 3, '2026-11-20').reduce((sum, i) => sum + i.amountCents, 0)).toBe(100_000);
  });

  it('falls due monthly on the same day, clamped to short months (leap years included)', () => {
    expect(instalmentsFor(4_000, 4, '2024-01-31').map((i) => i.dueOn)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2026-11-20', 2)).toBe('2027-01-20');
  });

  const plan = instalmentsFor(150_000, 3, '2026-11-20');

  it('is kept while payments cover the rent since and every instalment due', () => {
    // On 21 November the first instalment (50,000) is due; paid 50,000, no rent charged since.
    expect(firstMissedInstalment(plan, 50_000, 0, '2026-11-21')).toBeNull();
    // On 21 December: December's rent 75,000 and two instalments: 175,000 needed.
    expect(firstMissedInstalment(plan, 175_000, 75_000, '2026-12-21')).toBeNull();
  });

  it('is broken the day after an instalment is missed, not on its day', () => {
    expect(firstMissedInstalment(plan, 0, 0, '2026-11-20')).toBeNull();
    expect(firstMissedInstalment(plan, 0, 0, '2026-11-21')).toEqual({ seq: 1, dueOn: '2026-11-20', amountCents: 50_000 });
    // Paid two instalments' worth but not December's rent: the running rent comes first, so the
    // 100,000 covers rent 75,000 and only half the first instalment — the first is reported missed.
    expect(firstMissedInstalment(plan, 100_000, 75_000, '2026-12-21')?.seq).toBe(1);
    // Rent and the first instalment paid, the second not: the second.
    expect(firstMissedInstalment(plan, 125_000, 75_000, '2026-12-21')?.seq).toBe(2);
  });

  describe('where each instalment stands', () => {
    // The same plan: 50,000 on 20 November, 20 December and 20 January.
    const state = (paid: number, charged: number, today: string) => instalmentStandings(plan, paid, charged, today).map(({ seq, state, coveredCents }) => ({ seq, state, coveredCents }));

    it('says paid, due or missed, and how much of each is covered', () => {
      // 20 November, 80,000 paid, no rent since: the first 50,000 paid, 30,000 towards the second, nothing for the third.
      expect(state(80_000, 0, '2026-11-20')).toEqual([
        { seq: 1, state: 'paid', coveredCents: 50_000 },
        { seq: 2, state: 'due', coveredCents: 30_000 },
        { seq: 3, state: 'due', coveredCents: 0 },
      ]);
      // Nothing paid: the first is due on its day and missed the day after; the others still to come.
      expect(state(0, 0, '2026-11-20').map((s) => s.state)).toEqual(['due', 'due', 'due']);
      expect(state(0, 0, '2026-11-21')).toEqual([
        { seq: 1, state: 'missed', coveredCents: 0 },
        { seq: 2, state: 'due', coveredCents: 0 },
        { seq: 3, state: 'due', coveredCents: 0 },
      ]);
    });

    it('puts the running rent first: what pays the rent since does not count towards an instalment', () => {
      // 21 December: 130,000 paid, December's rent 75,000 charged since: 55,000 left for the plan,
      // 50,000 for the first and 5,000 towards the second, which fell due yesterday.
      expect(state(130_000, 75_000, '2026-12-21')).toEqual([
        { seq: 1, state: 'paid', coveredCents: 50_000 },
        { seq: 2, state: 'missed', coveredCents: 5_000 },
        { seq: 3, state: 'due', coveredCents: 0 },
      ]);
      // Paid less than the rent since: nothing goes to the plan (never a negative amount covered).
      expect(state(60_000, 75_000, '2026-12-21')).toEqual([
        { seq: 1, state: 'missed', coveredCents: 0 },
        { seq: 2, state: 'missed', coveredCents: 0 },
        { seq: 3, state: 'due', coveredCents: 0 },
      ]);
    });

    it('counts an instalment covered ahead of its day as paid', () => {
      // 20 November, 150,000 paid at once: all three paid, though two fall due later.
      expect(state(150_000, 0, '2026-11-20').map((s) => s.state)).toEqual(['paid', 'paid', 'paid']);
      // One cent short of the whole: the last still due, 49,999 of it covered.
      expect(state(149_999, 0, '2026-11-20')[2]).toEqual({ seq: 3, state: 'due', coveredCents: 49_999 });
    });

    it('reads month ends by the plan’s clamped due dates (leap year and not)', () => {
      // 100.00 in 3 from 31 January 2028: 33.34 on 31 January, 33.33 on 29 February (2028 is a leap year), 33.33 on 31 March.
      const leap = instalmentsFor(10_000, 3, '2028-01-31');
      expect(leap.map((i) => i.dueOn)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
      // 29 February, 5,000 paid: the first (3,334) paid, 1,666 towards the second — due today, not missed.
      expect(instalmentStandings(leap, 5_000, 0, '2028-02-29').map(({ state, coveredCents }) => [state, coveredCents])).toEqual([
        ['paid', 3_334],
        ['due', 1_666],
        ['due', 0],
      ]);
      // 1 March: the second missed.
      expect(instalmentStandings(leap, 5_000, 0, '2028-03-01').map((s) => s.state)).toEqual(['paid', 'missed', 'due']);
      // 2027 is not: the second falls due on 28 February and is missed on 1 March.
      const plain = instalmentsFor(10_000, 3, '2027-01-31');
      expect(plain[1].dueOn).toBe('2027-02-28');
      expect(instalmentStandings(plain, 3_334, 0, '2027-02-28').map((s) => s.state)).toEqual(['paid', 'due', 'due']);
      expect(instalmentStandings(plain, 3_334, 0, '2027-03-01').map((s) => s.state)).toEqual(['paid', 'missed', 'due']);
    });

    it('is the rule that breaks a plan: the first missed instalment is the one firstMissedInstalment names', () => {
      for (const [paid, charged, today] of [
        [0, 0, '2026-11-21'],
        [100_000, 75_000, '2026-12-21'],
        [125_000, 75_000, '2026-12-21'],
        [175_000, 75_000, '2026-12-21'],
        [130_000, 75_000, '2027-01-21'],
      ] as const) {
        const missed = instalmentStandings(plan, paid, charged, today).find((s) => s.state === 'missed');
        expect(firstMissedInstalment(plan, paid, charged, today)?.seq ?? null).toBe(missed?.seq ?? null);
      }
      // Worked by hand: 130,000 paid and 75,000 charged on 21 January: 55,000 covers the first, not the second.
      expect(firstMissedInstalment(plan, 130_000, 75_000, '2027-01-21')).toEqual({ seq: 2, dueOn: '2026-12-20', amountCents: 50_000 });
    });
  });
});
