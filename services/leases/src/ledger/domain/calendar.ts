/** Calendar arithmetic on `YYYY-MM-DD` dates and `YYYY-MM` months, in whole days (no time of day,
 *  no time zone: a date is the agency's calendar date). */

const DAY_MS = 86_400_000;

export type Month = string;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

export function firstDayOf(month: Month): string {
  return `${month}-01`;
}

export function daysInMonth(month: Month): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function lastDayOf(month: Month): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

export function nextMonth(month: Month): Month {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Months from `first` to `last`, both included; none when last is before first. */
export function monthsBetween(first: Month, last: Month): Month[] {
  const months: Month[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Today's date in a time zone (`YYYY-MM-DD`). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Milliseconds from `now` until midnight starting `date` in the time zone; 0 when it has begun. */
export function msUntilDate(date: string, timeZone: string, now: Date = new Date()): number {
  const today = todayIn(timeZone, now);
  if (date <= today) return 0;
  // Close enough for a job's delay: the sweep re-checks against the calendar date before acting.
  return Math.max(0, daysBetween(today, date) * DAY_MS - msSinceMidnight(timeZone, now));
}

function msSinceMidnight(timeZone: string, now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000;
}

/** The same day `months` later, clamped to the month's last day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return `${month}-${String(Math.min(d, daysInMonth(month))).padStart(2, '0')}`;
}
