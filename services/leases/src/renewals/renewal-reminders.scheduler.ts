import { enqueueJobs, JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { LeasesClock } from '../clock';
import { MonthlyJobData, monthlyJobId } from '../jobs/monthly.scheduler';
import { LeasesQueue } from '../leases.queues';
import { reminderDue } from './renewal-dates';

export const RENEWAL_REMINDER_DAYS = Symbol('RENEWAL_REMINDER_DAYS');

/**
 * Renewal reminders, rebuilt from the database: every sweep looks at the end date of each
 * occupying tenancy (its notice's end or its end date) and each active head lease, and queues a job
 * (`renewal-reminder:<contract>:<end date>-<days>`) for the nearest threshold reached (90, 60, 30
 * days before by default) — the handler raises it once.
 */
@Injectable()
@Sweep('renewal reminders before contracts end')
export class RenewalRemindersScheduler implements JobSweep {
  constructor(
    @InjectQueue(LeasesQueue.Monthly) private readonly queue: Queue<MonthlyJobData>,
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
    @Inject(RENEWAL_REMINDER_DAYS) private readonly thresholds: number[],
  ) {}

  async sweep(): Promise<number> {
    const today = this.clock.today();
    const horizon = Math.max(...this.thresholds);
    const rows: { contract: 'tenancy' | 'head_lease'; id: string; end_date: string }[] = await this.dataSource.query(
      `SELECT 'tenancy' AS contract, id, to_char(COALESCE(ends_on, end_date), 'YYYY-MM-DD') AS end_date
         FROM tenancies WHERE status IN ('active', 'ending') AND COALESCE(ends_on, end_date) BETWEEN $1::date AND $1::date + $2::int
       UNION ALL
       SELECT 'head_lease', id, to_char(end_date, 'YYYY-MM-DD') FROM head_leases WHERE status = 'active' AND end_date BETWEEN $1::date AND $1::date + $2::int`,
      [today, horizon],
    );
    const jobs = rows.flatMap((row) => {
      const daysBefore = reminderDue(row.end_date, today, this.thresholds);
      return daysBefore === null ? [] : [{ contract: row.contract, id: row.id, endDate: row.end_date, daysBefore }];
    });
    return enqueueJobs(
      this.queue,
      jobs.map((data) => ({
        name: 'renewal-reminder',
        data,
        opts: { jobId: monthlyJobId('renewal-reminder', data.id, `${data.endDate}-${data.daysBefore}`), attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
}
