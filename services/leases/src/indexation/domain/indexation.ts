import { addMonths, firstDayOf, maxDate, monthOf, nextMonth } from '../../ledger/domain/calendar';
import { roundDiv } from '../../ledger/domain/ledger';

/**
 * Annual rent indexation, in exact arithmetic. An index value is a decimal with at most two
 * decimals (as national consumer-price and health indices are published), held as whole
 * hundredths. On each anniversary of the start:
 *
 *   indexed rent = base rent × new index / base index, rounded half up to the cent
 *
 * where the base rent is the rent the tenancy started with, the base index the series' value for
 * the month before the start, and the new index its value for the month before the anniversary
 * (Belgium's rule for residential leases). Always from the base: no rounding ever compounds.
 */

const DECIMAL = /^\d{1,6}(\.\d{1,2})?$/;

/** "123.4" → 12340 hundredths; refuses anything but a plain positive decimal with at most two decimals. */
export function toHundredths(value: string): number {
  if (!DECIMAL.test(value)) throw new RangeError(`An index value is a decimal with at most two decimals, got ${value}`);
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function indexedRentCents(baseRentCents: number, baseIndex: string, newIndex: string): number {
  const base = toHundredths(baseIndex);
  if (base === 0) throw new RangeError('A base index of zero cannot index anything');
  return roundDiv(baseRentCents * toHundredths(newIndex), base);
}

/** The n-th anniversary of a start date (29 February → 28 February in common years). */
export const anniversary = (startDate: string, n: number) => addMonths(startDate, 12 * n);

/** Anniversaries (n ≥ 1) reached on or before `today`. */
export function anniversariesReached(startDate: string, today: string): { n: number; on: string }[] {
  const reached: { n: number; on: string }[] = [];
  for (let n = 1; anniversary(startDate, n) <= today; n++) reached.push({ n, on: anniversary(startDate, n) });
  return reached;
}

/** The month whose index value the base is: the month before the start. */
export const baseIndexMonth = (startDate: string) => monthOf(addMonths(firstDayOf(monthOf(startDate)), -1));

/** The month whose index value an anniversary uses: the month before the anniversary's month. */
export const newIndexMonth = (anniversaryOn: string) => monthOf(addMonths(firstDayOf(monthOf(anniversaryOn)), -1));

/**
 * The day the indexed rent applies from: the anniversary when it falls on the 1st, otherwise the
 * 1st of the next month (rent is charged by whole months) — and never a month already charged, so
 * a booked charge is never rewritten (an index published late applies from the next month charged).
 */
export function effectiveOn(anniversaryOn: string, lastChargedMonth: string | null): string {
  const natural = anniversaryOn.endsWith('-01') ? anniversaryOn : firstDayOf(nextMonth(monthOf(anniversaryOn)));
  return lastChargedMonth ? maxDate(natural, firstDayOf(nextMonth(lastChargedMonth))) : natural;
}

export interface RentStep {
  effectiveOn: string;
  previousRentCents: number;
  newRentCents: number;
}

/** The rent in force on a day: the latest step effective on or before it, else the rent before the first step. */
export function rentOn(date: string, steps: readonly RentStep[], currentRentCents: number): number {
  const sorted = [...steps].sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : 1));
  if (sorted.length === 0) return currentRentCents;
  let rent = sorted[0].previousRentCents;
  for (const step of sorted) if (step.effectiveOn <= date) rent = step.newRentCents;
  return rent;
}
