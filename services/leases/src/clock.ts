import { Inject, Injectable } from '@nestjs/common';
import { msUntilDate, todayIn } from './ledger/domain/calendar';

export const LEASES_TIME_ZONE = Symbol('LEASES_TIME_ZONE');
export const LEASES_TODAY = Symbol('LEASES_TODAY');

/** "Today" for the leases service: the agency's calendar date in its time zone (or a fixed date in tests). */
@Injectable()
export class LeasesClock {
  constructor(
    @Inject(LEASES_TIME_ZONE) readonly timeZone: string,
    @Inject(LEASES_TODAY) private readonly fixedToday: string | null,
  ) {}

  today(): string {
    return this.fixedToday ?? todayIn(this.timeZone);
  }

  /** How long a job waits for `date` to begin: nothing once it has. */
  delayUntil(date: string): number {
    return date <= this.today() ? 0 : msUntilDate(date, this.timeZone);
  }
}
