import { enqueueJobs, JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { LeasesClock } from '../clock';
import { addDays } from '../ledger/domain/calendar';
import { LeasesQueue } from '../leases.queues';

export type TenancyDateJobName = 'start' | 'end';

export interface TenancyDateJobData {
  tenancyId: string;
}

/** One job per tenancy and kind: adding it again while it waits is a no-op (BullMQ ids hold no colon or exactly two). */
export function tenancyDateJobId(kind: TenancyDateJobName, tenancyId: string): string {
  return `tenancy-date:${kind}:${tenancyId}`;
}

/**
 * A signed tenancy starts on its start date; a tenancy under notice ends the day after its last
 * day. Both are delayed jobs queued after commit; the sweep queues again every date the database
 * still has pending (same job id), in case Redis lost it or was down at commit. A job still
 * delayed for a date the calendar has reached — its delay was worked out on an earlier "today":
 * the clock was set on, or LEASES_TODAY moved in a test — is promoted to run now (decision 0028).
 */
@Injectable()
@Sweep('tenancy start and end dates')
export class TenancyDatesScheduler implements JobSweep {
  constructor(
    @InjectQueue(LeasesQueue.TenancyDates) private readonly queue: Queue<TenancyDateJobData>,
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
  ) {}

  scheduleStart(tenancyId: string, startDate: string): Promise<number> {
    return this.enqueue([{ kind: 'start', tenancyId, on: startDate }]);
  }

  scheduleEnd(tenancyId: string, lastDay: string): Promise<number> {
    return this.enqueue([{ kind: 'end', tenancyId, on: addDays(lastDay, 1) }]);
  }

  async sweep(): Promise<number> {
    const rows: { id: string; status: string; start_date: string; ends_on: string | null }[] = await this.dataSource.query(
      `SELECT id, status, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
         FROM tenancies WHERE status IN ('signed', 'ending')`,
    );
    return this.enqueue(
      rows.map((row) =>
        row.status === 'signed' ? { kind: 'start' as const, tenancyId: row.id, on: row.start_date } : { kind: 'end' as const, tenancyId: row.id, on: addDays(row.ends_on!, 1) },
      ),
    );
  }

  private async enqueue(dates: { kind: TenancyDateJobName; tenancyId: string; on: string }[]): Promise<number> {
    const queued = await enqueueJobs(
      this.queue,
      dates.map(({ kind, tenancyId, on }) => ({
        name: kind,
        data: { tenancyId },
        opts: {
          jobId: tenancyDateJobId(kind, tenancyId),
          delay: this.clock.delayUntil(on),
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
    const today = this.clock.today();
    for (const { kind, tenancyId } of dates.filter(({ on }) => on <= today)) {
      const job = await this.queue.getJob(tenancyDateJobId(kind, tenancyId));
      // Promoted by another sweep or run meanwhile: only a job still delayed is an error.
      if (job && (await job.isDelayed())) await job.promote().catch(async (error: unknown) => {
        if (await job.isDelayed()) throw error;
      });
    }
    return queued;
  }
}
