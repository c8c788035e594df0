import { arrearsAgeingSchema, tenancyEndReasonSchema } from '@hearth/contracts';
import { daysBetween } from '../calendar/calendar';
import { Rate, rate } from './stats';
import { Question, within } from './question';

/** One tenancy as the database keeps it (IndicatorSource), with its household's programme and its flat's district. */
export interface TenancyRow {
  tenancyId: string;
  householdId: string;
  landlordId: string | null;
  programme: string | null;
  district: string | null;
  startedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  rentCents: number | null;
  serviceChargesCents: number | null;
}

/** Ends that are planned moves to other permanent housing: the tenancy counts as sustained. */
export const PLANNED_MOVES: readonly string[] = ['moved_to_permanent_housing', 'moved_to_other_sra_flat'];
/** Ends left out of sustainment and returns altogether (as the HUD performance measures do). */
export const EXCLUDED_ENDS: readonly string[] = ['deceased'];

/** The marks of sustainment, in days after the start: 6 months = 183 days, 12 months = 365 days. */
export const MARKS = [
  { mark: '6_months', days: 183 },
  { mark: '12_months', days: 365 },
] as const;

/** The windows of returns to the waitlist, in days after the end: 6, 12 and 24 months. */
export const RETURN_WINDOWS = [
  { window: '6_months', days: 183 },
  { window: '12_months', days: 365 },
  { window: '24_months', days: 730 },
] as const;

const endedBy = (t: TenancyRow, asOf: string) => t.endedOn !== null && t.endedOn <= asOf;

/** The question's filters: the household's programme, the flat's district, the landlord's own tenancies. */
const asked = (t: TenancyRow, question: Question) =>
  (!question.programme || t.programme === question.programme) &&
  (!question.district || t.district === question.district) &&
  (!question.landlordId || t.landlordId === question.landlordId);

/** A percentage of an exact fraction, rounded to one decimal, halves up (BigInt: no binary rounding). */
function percentOf(numerator: bigint, denominator: bigint): number {
  return Number((2000n * numerator + denominator) / (2n * denominator)) / 10;
}

export interface SustainmentAtMark {
  mark: string;
  days: number;
  /** Kaplan–Meier estimate of the share still housed at the mark (every tenancy, censored at asOf
   *  while still running); null when nobody was observed up to the mark (or no tenancy). */
  kaplanMeier: { percent: number | null; atRiskAtMark: number; endedBeforeMark: number; censoredBeforeMark: number };
  /** Simple proportion over the tenancies whose mark day is on or before asOf (fully observed):
   *  those not ended (other than by a planned move) before the mark ÷ all of them. */
  simple: Rate;
}

export interface Sustainment {
  /** Tenancies started in the period (by asOf), deaths left out. */
  tenancies: number;
  running: number;
  endedPlannedMove: number;
  endedNotSustained: number;
  excludedDeceased: number;
  marks: SustainmentAtMark[];
  /** The Kaplan–Meier curve up to 12 months: one step per day on which tenancies ended (counts only). */
  curve: { day: number; atRisk: number; ended: number; percent: number }[];
}

/** Days observed and whether the tenancy failed (ended other than by a planned move), as of asOf. */
function observation(t: TenancyRow, asOf: string): { days: number; failed: boolean } {
  if (endedBy(t, asOf) && !PLANNED_MOVES.includes(t.endReason ?? '')) return { days: daysBetween(t.startedOn!, t.endedOn!), failed: true };
  // Running, or a planned move: still housed, observed to asOf (censored there).
  return { days: daysBetween(t.startedOn!, asOf), failed: false };
}

/**
 * Tenancy sustainment (docs/indicators.md#sustainment): tenancies started in the period, deaths
 * excluded. A tenancy fails on the day it ends, unless it ended in a planned move; one still
 * running (or moved on as planned) is censored at asOf. At each mark (183 and 365 days):
 * the Kaplan–Meier product over failure days before the mark of (1 − ended ÷ at risk), exactly,
 * and the simple proportion of the fully observed tenancies that reached the mark.
 */
export function sustainment(question: Question, rows: readonly TenancyRow[]): Sustainment {
  const started = rows.filter((t) => t.startedOn !== null && t.startedOn <= question.asOf && within(t.startedOn, question) && asked(t, question));
  const deceased = started.filter((t) => endedBy(t, question.asOf) && EXCLUDED_ENDS.includes(t.endReason ?? ''));
  const population = started.filter((t) => !deceased.includes(t));
  const observed = population.map((t) => observation(t, question.asOf));
  const failureDays = [...new Set(observed.filter((o) => o.failed).map((o) => o.days))].sort((a, b) => a - b);
  // The survival function as an exact fraction, step by step.
  let numerator = 1n;
  let denominator = 1n;
  const steps: { day: number; atRisk: number; ended: number; numerator: bigint; denominator: bigint }[] = [];
  for (const day of failureDays) {
    const atRisk = observed.filter((o) => o.days >= day).length;
    const ended = observed.filter((o) => o.failed && o.days === day).length;
    numerator *= BigInt(atRisk - ended);
    denominator *= BigInt(atRisk);
    steps.push({ day, atRisk, ended, numerator, denominator });
  }
  const marks = MARKS.map(({ mark, days }) => {
    const before = steps.filter((s) => s.day < days);
    const last = before[before.length - 1];
    const atRiskAtMark = observed.filter((o) => o.days >= days).length;
    const survivalIsZero = last !== undefined && last.numerator === 0n;
    const percent = population.length === 0 || (atRiskAtMark === 0 && !survivalIsZero) ? null : last ? percentOf(last.numerator, last.denominator) : 100;
    const fullyObserved = population.filter((t) => daysBetween(t.startedOn!, question.asOf) >= days);
    const reached = fullyObserved.filter((t) => {
      const o = observation(t, question.asOf);
      return !(o.failed && o.days < days);
    });
    return {
      mark,
      days,
      kaplanMeier: {
        percent,
        atRiskAtMark,
        endedBeforeMark: observed.filter((o) => o.failed && o.days < days).length,
        censoredBeforeMark: observed.filter((o) => !o.failed && o.days < days).length,
      },
      simple: rate(reached.length, fullyObserved.length),
    };
  });
  return {
    tenancies: population.length,
    running: population.filter((t) => !endedBy(t, question.asOf)).length,
    endedPlannedMove: population.filter((t) => endedBy(t, question.asOf) && PLANNED_MOVES.includes(t.endReason ?? '')).length,
    endedNotSustained: observed.filter((o) => o.failed).length,
    excludedDeceased: deceased.length,
    marks,
    curve: steps.filter((s) => s.day < 365).map((s) => ({ day: s.day, atRisk: s.atRisk, ended: s.ended, percent: percentOf(s.numerator, s.denominator) })),
  };
}

/** An ended tenancy and the household's first day back on the waitlist on or after the end (or null). */
export interface EndedTenancyRow extends TenancyRow {
  returnedOn: string | null;
}

export interface ReturnsToWaitlist {
  /** Tenancies ended in the period (by asOf), deaths left out. */
  ended: number;
  /** Of those, back on the waitlist by asOf (any time after the end). */
  returnedSoFar: number;
  /** Per window: of the ended tenancies whose window is over by asOf, those back on the waitlist within it. */
  windows: { window: string; days: number; returned: Rate }[];
  byEndReason: { reason: string; ended: number; returnedSoFar: number }[];
}

/**
 * Returns to the waitlist (docs/indicators.md#returns-to-the-waitlist): tenancies ended in the
 * period, deaths excluded; a return is the household's waitlisted step 0 to N days after the day
 * the tenancy ended, counted over the tenancies whose N days are over by asOf.
 */
export function returnsToWaitlist(question: Question, rows: readonly EndedTenancyRow[]): ReturnsToWaitlist {
  const ended = rows.filter((t) => endedBy(t, question.asOf) && within(t.endedOn!, question) && !EXCLUDED_ENDS.includes(t.endReason ?? '') && asked(t, question));
  const back = (t: EndedTenancyRow) => (t.returnedOn !== null && t.returnedOn <= question.asOf ? daysBetween(t.endedOn!, t.returnedOn) : null);
  return {
    ended: ended.length,
    returnedSoFar: ended.filter((t) => back(t) !== null).length,
    windows: RETURN_WINDOWS.map(({ window, days }) => {
      const over = ended.filter((t) => daysBetween(t.endedOn!, question.asOf) >= days);
      return { window, days, returned: rate(over.filter((t) => (back(t) ?? Infinity) <= days).length, over.length) };
    }),
    byEndReason: tenancyEndReasonSchema.options
      .filter((reason) => !EXCLUDED_ENDS.includes(reason))
      .map((reason) => {
        const group = ended.filter((t) => t.endReason === reason);
        return { reason, ended: group.length, returnedSoFar: group.filter((t) => back(t) !== null).length };
      }),
  };
}

/** A tenancy running on asOf with its last arrears change on or before asOf (none: never in arrears). */
export interface ArrearsRow extends TenancyRow {
  ageing: string | null;
  arrearsCents: number | null;
  monthsUnpaid: number | null;
  /** The rent of the last indexation (RentIndexed) in effect on asOf; null or absent: none, the rent at the start holds. */
  indexedRentCents?: number | null;
}

export const ARREARS_BUCKETS = arrearsAgeingSchema.options.filter((bucket) => bucket !== 'none');

export interface Arrears {
  /** Tenancies running on asOf (started on or before it, not ended by it). */
  tenancies: number;
  /** Tenancies whose oldest unpaid charge is overdue (ageing other than none). */
  inArrears: Rate;
  /** More than two months of rent unpaid. */
  moreThanTwoMonths: Rate;
  arrearsCents: number;
  /** Monthly rent (as indexed by asOf) and service charges (at the start) of the running tenancies. */
  monthlyRentRollCents: number;
  /** Arrears ÷ the monthly rent roll (in cents, as a percentage). */
  arrearsToMonthlyRentRoll: Rate;
  byAgeing: { bucket: string; tenancies: number; arrearsCents: number }[];
}

/** Arrears (docs/indicators.md#arrears): a stock on asOf; the period plays no part. Amounts in integer cents. */
export function arrears(question: Question, rows: readonly ArrearsRow[]): Arrears {
  const running = rows.filter(
    (t) =>
      t.startedOn !== null &&
      t.startedOn <= question.asOf &&
      !endedBy(t, question.asOf) &&
      asked(t, question),
  );
  const owing = running.filter((t) => t.ageing !== null && t.ageing !== 'none');
  const cents = (list: readonly ArrearsRow[]) => list.reduce((sum, t) => sum + Number(t.arrearsCents ?? 0), 0);
  const rentRoll = running.reduce((sum, t) => sum + Number(t.indexedRentCents ?? t.rentCents ?? 0) + Number(t.serviceChargesCents ?? 0), 0);
  return {
    tenancies: running.length,
    inArrears: rate(owing.length, running.length),
    moreThanTwoMonths: rate(owing.filter((t) => Number(t.monthsUnpaid ?? 0) > 2).length, running.length),
    arrearsCents: cents(owing),
    monthlyRentRollCents: rentRoll,
    arrearsToMonthlyRentRoll: rate(cents(owing), rentRoll),
    byAgeing: ARREARS_BUCKETS.map((bucket) => {
      const group = owing.filter((t) => t.ageing === bucket);
      return { bucket, tenancies: group.length, arrearsCents: cents(group) };
    }),
  };
}
