import { Inject, Injectable } from '@nestjs/common';

export const REPORTING_TIME_ZONE = Symbol('REPORTING_TIME_ZONE');

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (both yyyy-mm-dd); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The day `days` after `day` (yyyy-mm-dd). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The agency's calendar: which day an instant falls on in REPORTING_TIME_ZONE. */
@Injectable()
export class Calendar {
  private readonly format: Intl.DateTimeFormat;

  constructor(@Inject(REPORTING_TIME_ZONE) readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  dayOf(instant: string | Date): string {
    return this.format.format(typeof instant === 'string' ? new Date(instant) : instant);
  }

  today(): string {
    return this.dayOf(new Date());
  }
}
