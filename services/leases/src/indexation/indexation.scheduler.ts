import { enqueueJobs, JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { LeasesClock } from '../clock';
import { MonthlyJobData, monthlyJobId } from '../jobs/monthly.scheduler';
import { LeasesQueue } from '../leases.queues';
import { anniversariesReached } from './domain/indexation';

/**
 * Rent indexation on each lease anniversary, rebuilt from the database: every sweep queues a job
 * (`index-rent:<tenancy>:<anniversary>`) for each occupying tenancy whose latest anniversary
 * reached has no indexation yet — so an anniversary missed while the service was down, or whose
 * index value was published late, is caught up.
 */
@Injectable()
@Sweep('rent indexation on lease anniversaries')
export class IndexationScheduler implements JobSweep {
  constructor(
    @InjectQueue(LeasesQueue.Monthly) private readonly queue: Queue<MonthlyJobData>,
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
  ) {}

  async sweep(): Promise<number> {
    const today = this.clock.today();
    const rows: { id: string; start_date: string; last_day: string | null; done: string[] }[] = await this.dataSource.query(
      `SELECT t.id, to_char(t.start_date, 'YYYY-MM-DD') AS start_date,
              to_char(COALESCE(t.ended_on, t.ends_on, t.end_date), 'YYYY-MM-DD') AS last_day,
              COALESCE(array_agg(to_char(r.anniversary, 'YYYY-MM-DD')) FILTER (WHERE r.anniversary IS NOT NULL), '{}') AS done
         FROM tenancies t LEFT JOIN rent_indexations r ON r.tenancy_id = t.id
        WHERE t.status IN ('active', 'ending') AND t.activated_on IS NOT NULL AND t.start_date <= ($1::date - interval '11 months')
        GROUP BY t.id`,
      [today],
    );
    const jobs = rows.flatMap((row) => {
      const due = anniversariesReached(row.start_date, today).filter((a) => !row.done.includes(a.on) && (!row.last_day || a.on <= row.last_day));
      const latest = due.at(-1);
      return latest ? [{ tenancyId: row.id, anniversary: latest.on }] : [];
    });
    return enqueueJobs(
      this.queue,
      jobs.map((data) => ({
        name: 'index-rent',
        data,
        opts: { jobId: monthlyJobId('index-rent', data.tenancyId, data.anniversary), attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
}
