import { enqueueJobs, JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { LeasesClock } from '../clock';
import { LeasesQueue } from '../leases.queues';

export type MonthlyJobName = 'charge-rent' | 'owner-due' | 'review-arrears' | 'index-rent' | 'renewal-reminder';

export type MonthlyJobData =
  | { month: string }
  | { tenancyId: string; month: string }
  | { headLeaseId: string; month: string }
  | { tenancyId: string; day: string }
  | { tenancyId: string; anniversary: string }
  | { contract: 'tenancy' | 'head_lease'; id: string; endDate: string; daysBefore: number };

/** Deterministic ids: a tenancy is charged once per month, an owner's month is due once, arrears reviewed once a day. */
export function monthlyJobId(name: MonthlyJobName, id: string, period: string): string {
  return `${name}:${id}:${period}`;
}

/** A month's charge run for every tenancy (one job charges them all, set-wise). */
export const ALL_TENANCIES = 'all';

/**
 * The monthly run. Every month of every tenancy that occupied its flat (from its start to today
 * or its last day) gets a rent charge, and every month of every head lease (from its start to
 * today or its end) an owner's due — each a job with a deterministic id, queued for what the
 * database does not have yet: one charge run per month for all tenancies (charge-rent:all:<month>,
 * docs/decisions/0025-set-wise-monthly-charge-run.md), one per tenancy and month when a single
 * tenancy is caught up (charge-rent:<tenancy>:<month>). So a month is never charged twice (the
 * id, and a unique index behind it that the run's INSERT respects) and months missed while the
 * service was down are caught up by the next sweep.
 * Tenancies in arrears are reviewed once a day (arrears age without any new booking).
 */
@Injectable()
@Sweep('monthly rent charges, owner dues and arrears reviews')
export class MonthlyScheduler implements JobSweep {
  constructor(
    @InjectQueue(LeasesQueue.Monthly) private readonly queue: Queue<MonthlyJobData>,
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
  ) {}

  async sweep(): Promise<number> {
    return (await this.catchUpTenancies()) + (await this.catchUpHeadLeases()) + (await this.reviewArrears());
  }

  /** Queues the months a tenancy (or every tenancy) has not been charged for yet; answers how many tenancy-months that is. */
  async catchUpTenancies(tenancyId?: string): Promise<number> {
    const today = this.clock.today();
    const rows: { id: string; month: string }[] = await this.dataSource.query(
      `SELECT t.id, to_char(m, 'YYYY-MM') AS month
         FROM tenancies t
         CROSS JOIN LATERAL generate_series(
           date_trunc('month', t.start_date),
           date_trunc('month', LEAST($1::date, COALESCE(t.ended_on, t.ends_on, t.end_date, $1::date))),
           interval '1 month') AS m
        WHERE t.status IN ('active', 'ending', 'ended') AND t.activated_on IS NOT NULL
          AND ($2::uuid IS NULL OR t.id = $2::uuid)
          AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.tenancy_id = t.id AND e.kind = 'charge' AND e.month = to_char(m, 'YYYY-MM'))`,
      [today, tenancyId ?? null],
    );
    const months = [...new Set(rows.map((row) => row.month))];
    await this.enqueue(
      tenancyId
        ? rows.map((row) => ({ name: 'charge-rent' as const, id: row.id, period: row.month, data: { tenancyId: row.id, month: row.month } }))
        : months.map((month) => ({ name: 'charge-rent' as const, id: ALL_TENANCIES, period: month, data: { month } })),
    );
    return rows.length;
  }

  /** Queues the months of a head lease (or every head lease) nothing has been made due for yet. */
  async catchUpHeadLeases(headLeaseId?: string): Promise<number> {
    const today = this.clock.today();
    const rows: { id: string; month: string }[] = await this.dataSource.query(
      `SELECT h.id, to_char(m, 'YYYY-MM') AS month
         FROM head_leases h
         CROSS JOIN LATERAL generate_series(date_trunc('month', h.start_date), date_trunc('month', LEAST($1::date, h.end_date)), interval '1 month') AS m
        WHERE h.start_date <= $1::date
          AND ($2::uuid IS NULL OR h.id = $2::uuid)
          AND NOT EXISTS (SELECT 1 FROM owner_months o WHERE o.head_lease_id = h.id AND o.month = to_char(m, 'YYYY-MM'))`,
      [today, headLeaseId ?? null],
    );
    return this.enqueue(rows.map((row) => ({ name: 'owner-due' as const, id: row.id, period: row.month, data: { headLeaseId: row.id, month: row.month } })));
  }

  private async reviewArrears(): Promise<number> {
    const today = this.clock.today();
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM tenancies WHERE balance_cents > 0 OR arrears_ageing <> 'none'`);
    return this.enqueue(rows.map((row) => ({ name: 'review-arrears' as const, id: row.id, period: today, data: { tenancyId: row.id, day: today } })));
  }

  private enqueue(jobs: { name: MonthlyJobName; id: string; period: string; data: MonthlyJobData }[]): Promise<number> {
    return enqueueJobs(
      this.queue,
      jobs.map(({ name, id, period, data }) => ({
        name,
        data,
        opts: {
          jobId: monthlyJobId(name, id, period),
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }
}
