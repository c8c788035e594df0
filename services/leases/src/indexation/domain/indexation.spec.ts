import { anniversariesReached, anniversary, baseIndexMonth, effectiveOn, indexedRentCents, newIndexMonth, rentOn, toHundredths } from './indexation';

describe('rent indexation', () => {
  it('reads index values as exact hundredths, refusing anything else', () => {
    expect(toHundredths('128.47')).toBe(12_847);
    expect(toHundredths('128.4')).toBe(12_840);
    expect(toHundredths('7')).toBe(700);
    for (const bad of ['1.234', '-1', '1e3', '', '12,5', ' 1']) expect(() => toHundredths(bad)).toThrow(RangeError);
  });

  it('indexes from the base rent: base × new index / base index, half up to the cent', () => {
    // 700.00 × 131.02 / 128.47: 70,000 × 13,102 = 917,140,000; ÷ 12,847 = 71,389 remainder 5,517 (under half of 12,847) → 713.89.
    expect(indexedRentCents(70_000, '128.47', '131.02')).toBe(71_389);
    // The index fell to 127.00: 889,000,000 ÷ 12,847 = 69,199 remainder 447 → 691.99 (the formula both ways).
    expect(indexedRentCents(70_000, '128.47', '127.00')).toBe(69_199);
    // Exactly half a cent rounds up: 1 × 150 / 100 = 1.5 → 2.
    expect(indexedRentCents(1, '1.00', '1.50')).toBe(2);
    expect(indexedRentCents(70_000, '128.47', '128.47')).toBe(70_000);
  });

  it('dates anniversaries, the months whose index values count, and when the new rent applies', () => {
    // 29 February: its anniversaries in common years are 28 February; in 2028 the 29th again.
    expect([1, 2, 4].map((n) => anniversary('2024-02-29', n))).toEqual(['2025-02-28', '2026-02-28', '2028-02-29']);
    expect(anniversariesReached('2024-02-29', '2026-02-27')).toEqual([{ n: 1, on: '2025-02-28' }]);
    expect(anniversariesReached('2024-02-29', '2026-02-28').map((a) => a.on)).toEqual(['2025-02-28', '2026-02-28']);
    expect(anniversariesReached('2026-03-15', '2027-03-14')).toEqual([]);
    // The base is the month before the start, the new index the month before the anniversary's month (across year ends).
    expect(baseIndexMonth('2025-03-15')).toBe('2025-02');
    expect(baseIndexMonth('2025-01-10')).toBe('2024-12');
    expect(newIndexMonth('2026-01-10')).toBe('2025-12');
    expect(newIndexMonth('2025-02-28')).toBe('2025-01');
    // Applies from the 1st after the anniversary, from the anniversary itself when it is a 1st, and never to a month already charged.
    expect(effectiveOn('2026-03-15', '2026-03')).toBe('2026-04-01');
    expect(effectiveOn('2026-12-01', '2026-11')).toBe('2026-12-01');
    expect(effectiveOn('2026-12-31', '2026-12')).toBe('2027-01-01');
    expect(effectiveOn('2026-03-15', '2026-05')).toBe('2026-06-01');
    expect(effectiveOn('2025-02-28', null)).toBe('2025-03-01');
  });

  it('knows the rent in force on a day from the history of steps', () => {
    const steps = [
      { effectiveOn: '2027-04-01', previousRentCents: 71_389, newRentCents: 72_500 },
      { effectiveOn: '2026-04-01', previousRentCents: 70_000, newRentCents: 71_389 },
    ];
    expect(rentOn('2026-03-01', steps, 72_500)).toBe(70_000);
    expect(rentOn('2026-04-01', steps, 72_500)).toBe(71_389);
    expect(rentOn('2027-05-01', steps, 72_500)).toBe(72_500);
    expect(rentOn('2026-03-01', [], 70_000)).toBe(70_000);
  });
});
