/**
 * Summary statistics of a population of whole numbers of days (docs/indicators.md#statistics):
 * - mean: total ÷ count, rounded to two decimals (half up);
 * - median: the middle value, or the mean of the two middle values when the count is even;
 * - p90: nearest rank, the value at rank ⌈0.9 × count⌉ of the values sorted ascending (1-based),
 *   so always one of the observed values;
 * every statistic is null for an empty population (never 0).
 */
export interface DayStats {
  count: number;
  totalDays: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

export function dayStats(values: readonly number[]): DayStats {
  const count = values.length;
  if (count === 0) return { count: 0, totalDays: 0, mean: null, median: null, p90: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const totalDays = sorted.reduce((sum, value) => sum + value, 0);
  const middle = Math.floor(count / 2);
  const median = count % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    count,
    totalDays,
    mean: roundHalfUp(totalDays / count, 2),
    median,
    p90: sorted[Math.ceil(0.9 * count) - 1],
    min: sorted[0],
    max: sorted[count - 1],
  };
}

/**
 * The same statistics computed by the database over `days` (an integer expression; nulls left out),
 * as columns `<prefix>_count`, `_total`, `_median`, `_p90`, `_min`, `_max`: percentile_cont(0.5) is
 * the middle value or the mean of the two middle ones, percentile_disc(0.9) the value at rank
 * ⌈0.9 × count⌉ (computed in double precision, as Math.ceil(0.9 * count) is). `dayStatsFrom` reads them.
 */
export function dayStatsColumns(days: string, prefix: string): string {
  return [
    `count(${days})::int AS ${prefix}_count`,
    `sum(${days})::float8 AS ${prefix}_total`,
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) AS ${prefix}_median`,
    `percentile_disc(0.9) WITHIN GROUP (ORDER BY ${days}) AS ${prefix}_p90`,
    `min(${days}) AS ${prefix}_min`,
    `max(${days}) AS ${prefix}_max`,
  ].join(', ');
}

export function dayStatsFrom(row: Record<string, unknown>, prefix: string): DayStats {
  const count = Number(row[`${prefix}_count`] ?? 0);
  if (count === 0) return dayStats([]);
  const totalDays = Number(row[`${prefix}_total`]);
  const value = (name: string) => Number(row[`${prefix}_${name}`]);
  return { count, totalDays, mean: roundHalfUp(totalDays / count, 2), median: value('median'), p90: value('p90'), min: value('min'), max: value('max') };
}

/** A share: numerator ÷ denominator as a percentage rounded to one decimal; null when nothing to divide by. */
export interface Rate {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, percent: denominator === 0 ? null : roundHalfUp((100 * numerator) / denominator, 1) };
}

export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // The small nudge keeps 2.675-style binary representations from rounding down.
  return Math.round(value * factor + Math.sign(value) * 1e-9) / factor;
}

/**
 * A share of two integers (amounts in cents) computed exactly: 100 × numerator ÷ denominator
 * rounded to one decimal, halves up (towards +∞), in BigInt arithmetic — no binary fraction ever
 * rounds a 12.25 % into 12.2 %. The denominator is never negative (charges, amounts claimed).
 */
export function exactRate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, percent: null };
  const top = 2000n * BigInt(numerator) + BigInt(denominator);
  const bottom = 2n * BigInt(denominator);
  let tenths = top / bottom;
  if (top % bottom !== 0n && top < 0n) tenths -= 1n; // BigInt division truncates towards 0: floor it
  return { numerator, denominator, percent: Number(tenths) / 10 };
}
