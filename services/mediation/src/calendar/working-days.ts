import { easterSunday, HOLIDAY_REGIONS, HolidayRegion } from './holidays';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01 (UTC); calendar arithmetic never touches time zones. */
export function toDayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The same day `months` later (or the last day of that month when it is shorter). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat costs far more than using one (a sweep asks thousands of times): one per use and zone. */
function formatter(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = build();
    formatters.set(key, found);
  }
  return found;
}

/** The calendar date of an instant in a time zone (`Europe/Brussels`). */
export function dateIn(timeZone: string, at: Date = new Date()): string {
  return formatter(`date ${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(at);
}

/** The instant a calendar day starts (midnight) in a time zone. */
export function startOfDayIn(timeZone: string, date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let guess = utcMidnight;
  for (let i = 0; i < 2; i += 1) guess = utcMidnight - offsetMs(timeZone, new Date(guess));
  return new Date(guess);
}

function offsetMs(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
    formatter(`instant ${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }))
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * Working days: Monday to Friday except the region's public holidays and any extra closures.
 * Every time limit of the service counts in these days: "within 5 working days of X" is the fifth
 * working day after X (X itself not counted), and the whole of that day is still in time.
 */
export class WorkingDayCalendar {
  private readonly holidaysByYear = new Map<number, Set<string>>();

  constructor(
    private readonly region: HolidayRegion,
    private readonly extraHolidays: readonly string[] = [],
  ) {}

  holidaysOf(year: number): Set<string> {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      const rules = HOLIDAY_REGIONS[this.region];
      const easter = easterSunday(year);
      holidays = new Set([
        ...rules.fixed.map((monthDay) => `${year}-${monthDay}`),
        ...rules.easterOffsets.map((offset) => addDays(easter, offset)),
        ...this.extraHolidays.filter((date) => date.startsWith(`${year}-`)),
      ]);
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }

  isWorkingDay(date: string): boolean {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !this.holidaysOf(Number(date.slice(0, 4))).has(date);
  }

  /** The `count`-th working day after `date` (`date` itself not counted); `date` itself for 0. */
  addWorkingDays(date: string, count: number): string {
    if (!Number.isInteger(count) || count < 0) throw new Error('count must be a whole number of working days, 0 or more');
    let day = toDayNumber(date);
    let left = count;
    while (left > 0) {
      day += 1;
      if (this.isWorkingDay(fromDayNumber(day))) left -= 1;
    }
    return fromDayNumber(day);
  }

  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let day = toDayNumber(from) + 1; day <= toDayNumber(to); day += 1) if (this.isWorkingDay(fromDayNumber(day))) count += 1;
    return count;
  }
}
