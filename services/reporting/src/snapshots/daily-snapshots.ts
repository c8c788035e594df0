import { UnitOfWork } from '@hearth/persistence';
import { enqueueJobs, JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, Calendar } from '../calendar/calendar';
import { ReportingQueue } from '../reporting.queues';

export const SNAPSHOTS_FROM = Symbol('SNAPSHOTS_FROM');
export const DAILY_SNAPSHOT_JOB = 'daily-snapshot';

export interface DailySnapshotJobData {
  day: string;
}

export const dailySnapshotJobId = (day: string) => `${DAILY_SNAPSHOT_JOB}-${day}`;

/**
 * Which days a daily snapshot is due for, and their jobs. A day is due once it is over, from the
 * first day the service applied an event (or SNAPSHOTS_FROM). Applying the first event of a new
 * day marks the day before as due and queues its job after the commit; the sweep (start-up and
 * every JOB_SWEEP_INTERVAL_MS) marks every day since then that has none and queues again every
 * due day not yet taken, so a day missed while the service was down or Redis lost is rebuilt.
 */
@Injectable()
@Sweep('daily snapshots')
export class DailySnapshots implements JobSweep {
  /** Transactions that already marked their day (a batch of events is applied in one). */
  private readonly noted = new WeakSet<object>();

  constructor(
    @InjectQueue(ReportingQueue.DailySnapshots) private readonly queue: Queue<DailySnapshotJobData>,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly calendar: Calendar,
    @Optional() @Inject(SNAPSHOTS_FROM) private readonly snapshotsFrom?: string,
  ) {}

  /** Called in the transaction applying an event: one statement per transaction. */
  async noteActivity(manager: EntityManager): Promise<void> {
    const transaction = manager.queryRunner ?? manager;
    if (this.noted.has(transaction)) return;
    this.noted.add(transaction);
    const today = this.calendar.today();
    const marked: { day: string }[] = await manager.query(
      `WITH epoch AS (INSERT INTO reporting_epoch (first_day) VALUES ($2) ON CONFLICT DO NOTHING RETURNING first_day)
       INSERT INTO snapshot_days (day)
       SELECT $1::date WHERE $1::date >= coalesce((SELECT first_day FROM epoch), (SELECT first_day FROM reporting_epoch))
       ON CONFLICT DO NOTHING RETURNING day::text`,
      [addDays(today, -1), this.snapshotsFrom ?? today],
    );
    if (marked.length) void this.unitOfWork.afterCommit(() => this.enqueue(marked.map((row) => row.day)));
  }

  /** Marks a closed day as due (an operator asking for it) and queues its job after the commit. */
  async request(day: string): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await manager.query(`INSERT INTO snapshot_days (day) VALUES ($1) ON CONFLICT DO NOTHING`, [day]);
      void this.unitOfWork.afterCommit(() => this.enqueue([day]));
    });
  }

  async sweep(): Promise<number> {
    const yesterday = addDays(this.calendar.today(), -1);
    await this.dataSource.query(
      `INSERT INTO snapshot_days (day)
       SELECT day::date FROM generate_series(coalesce($1::date, (SELECT first_day FROM reporting_epoch)), $2::date, interval '1 day') AS day
       ON CONFLICT DO NOTHING`,
      [this.snapshotsFrom ?? null, yesterday],
    );
    const due: { day: string }[] = await this.dataSource.query(`SELECT day::text FROM snapshot_days WHERE taken_at IS NULL ORDER BY day`);
    return this.enqueue(due.map((row) => row.day));
  }

  private enqueue(days: readonly string[]): Promise<number> {
    return enqueueJobs(
      this.queue,
      days.map((day) => ({
        name: DAILY_SNAPSHOT_JOB,
        data: { day },
        opts: { jobId: dailySnapshotJobId(day), attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
}
