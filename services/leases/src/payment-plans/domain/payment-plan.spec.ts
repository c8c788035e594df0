import { addMonths } from '../../ledger/domain/calendar';
import { firstMissedInstalment, instalmentsFor } from './payment-plan';

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
});
