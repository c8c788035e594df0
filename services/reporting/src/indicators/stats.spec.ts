import fc from 'fast-check';
import { dayStats, exactRate, rate } from './stats';

/** Deliberately naive definitions, written differently from the code under test. */
function naive(values: number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // p90 (nearest rank): the smallest observed value v with at least 90 % of the values ≤ v.
  const p90 = sorted.find((v) => sorted.filter((w) => w <= v).length * 10 >= values.length * 9)!;
  // median: a value with half the values on each side; for an even count the midpoint of the two in the middle.
  const lower = sorted[Math.floor((values.length - 1) / 2)];
  const upper = sorted[Math.ceil((values.length - 1) / 2)];
  let total = 0;
  for (const v of values) total += v;
  return { total, p90, median: (lower + upper) / 2 };
}

describe('dayStats', () => {
  it('matches hand-worked examples', () => {
    expect(dayStats([])).toEqual({ count: 0, totalDays: 0, mean: null, median: null, p90: null, min: null, max: null });
    expect(dayStats([7])).toEqual({ count: 1, totalDays: 7, mean: 7, median: 7, p90: 7, min: 7, max: 7 });
    // 10 values: p90 is the 9th (rank ⌈9⌉), the median (5th + 6th) / 2.
    expect(dayStats([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toEqual({ count: 10, totalDays: 55, mean: 5.5, median: 5.5, p90: 9, min: 1, max: 10 });
    // 11 values: p90 rank ⌈9.9⌉ = 10 → the 10th.
    expect(dayStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]).p90).toBe(10);
    // Ties are values like any other.
    expect(dayStats([30, 30, 30, 31])).toMatchObject({ median: 30, p90: 31, mean: 30.25 });
    // 2 / 3 = 0.666… → 0.67; 1 / 8 = 0.125 → 0.13 (halves up).
    expect(dayStats([0, 1, 1]).mean).toBe(0.67);
    expect(dayStats([1, 0, 0, 0, 0, 0, 0, 0]).mean).toBe(0.13);
  });

  it('agrees with naive definitions on any population', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }), (values) => {
        const stats = dayStats(values);
        const reference = naive(values)!;
        expect(stats.count).toBe(values.length);
        expect(stats.totalDays).toBe(reference.total);
        expect(stats.median).toBe(reference.median);
        expect(stats.p90).toBe(reference.p90);
        expect(Math.abs(stats.mean! - reference.total / values.length)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});

describe('rate', () => {
  it('is a percentage to one decimal, null over nothing', () => {
    expect(rate(2, 3)).toEqual({ numerator: 2, denominator: 3, percent: 66.7 });
    expect(rate(1, 8)).toEqual({ numerator: 1, denominator: 8, percent: 12.5 });
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
  });
});

describe('exactRate (amounts in cents)', () => {
  it('rounds exact halves up, whatever their binary representation', () => {
    // 64 260 ÷ 120 000 = 53.55 % exactly → 53.6; 1 ÷ 8 = 12.5 %; 49 ÷ 400 = 12.25 % → 12.3.
    expect(exactRate(64_260, 120_000).percent).toBe(53.6);
    expect(exactRate(1, 8).percent).toBe(12.5);
    expect(exactRate(49, 400).percent).toBe(12.3);
    // 240 260 ÷ 360 000 = 66.738… → 66.7; more collected than charged goes above 100.
    expect(exactRate(240_260, 360_000).percent).toBe(66.7);
    expect(exactRate(130_000, 120_000).percent).toBe(108.3);
    // Net refunds: −1 ÷ 40 = −2.5 % exactly (halves towards +∞ stay −2.5); −1 ÷ 16 = −6.25 → −6.2.
    expect(exactRate(-1, 40).percent).toBe(-2.5);
    expect(exactRate(-1, 16).percent).toBe(-6.2);
    expect(exactRate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
  });

  it('agrees with the tenths counted by hand: the largest t with t ÷ 1000 ≤ n ÷ d + 1 ÷ 2000', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (n, d) => {
        // Naive: step tenths of a percent until the next one would pass the value plus half a tenth.
        let tenths = Math.floor((1000 * n) / d) - 2;
        while (2 * (tenths + 1) * d <= 2000 * n + d) tenths += 1;
        expect(exactRate(n, d).percent).toBe(tenths / 10);
      }),
    );
  });
});
