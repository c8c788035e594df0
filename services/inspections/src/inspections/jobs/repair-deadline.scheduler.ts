import { enqueueJobs, JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { InspectionsQueue } from '../../inspections.queues';
import { distinctDeadlines, RepairDeadlinePolicy, Severity } from '../domain/repair-deadlines';

export const REPAIR_DEADLINE_POLICY = Symbol('REPAIR_DEADLINE_POLICY');

export const REPAIR_DEADLINE_JOB = 'repair-deadline';

/** The job carries ids only; the handler re-reads the inspection and its deficiencies. */
export interface RepairDeadlineJobData {
  inspectionId: string;
  severity: Severity;
}

/** One job per inspection and severity: adding it again while it waits is a no-op. */
export function repairDeadlineJobId(inspectionId: string, severity: Severity): string {
  return `${REPAIR_DEADLINE_JOB}:${inspectionId}:${severity}`;
}

/**
 * Puts repair deadlines on the BullMQ queue as delayed jobs, after the inspection is committed.
 * The sweep (at start-up and periodically) queues again every deadline the database still has
 * pending (same job id, so nothing is queued twice), in case Redis lost it or was down at commit.
 */
@Injectable()
@Sweep('repair deadlines')
export class RepairDeadlineScheduler implements JobSweep {
  constructor(
    @Inject(REPAIR_DEADLINE_POLICY) private readonly policy: RepairDeadlinePolicy,
    @InjectQueue(InspectionsQueue.RepairDeadlines) private readonly queue: Queue<RepairDeadlineJobData>,
    private readonly dataSource: DataSource,
  ) {}

  deadlinesFor(severities: readonly Severity[], foundAt: Date): { severity: Severity; deadlineAt: Date }[] {
    return distinctDeadlines(severities, foundAt, this.policy);
  }

  schedule(inspectionId: string, deadlines: readonly { severity: Severity; deadlineAt: Date }[]): Promise<number> {
    return this.enqueue(deadlines.map(({ severity, deadlineAt }) => ({ inspectionId, severity, deadlineAt })));
  }

  async sweep(): Promise<number> {
    const pending: { inspection_id: string; severity: Severity; deadline_at: Date }[] = await this.dataSource.query(
      `SELECT inspection_id, severity, min(deadline_at) AS deadline_at
         FROM deficiencies WHERE deadline_handled_at IS NULL GROUP BY inspection_id, severity`,
    );
    return this.enqueue(pending.map((row) => ({ inspectionId: row.inspection_id, severity: row.severity, deadlineAt: new Date(row.deadline_at) })));
  }

  /** Queues the jobs in one round trip to Redis (a sweep may have many to queue again). */
  private enqueue(deadlines: readonly (RepairDeadlineJobData & { deadlineAt: Date })[]): Promise<number> {
    return enqueueJobs(
      this.queue,
      deadlines.map(({ inspectionId, severity, deadlineAt }) => ({
        name: REPAIR_DEADLINE_JOB,
        data: { inspectionId, severity },
        opts: {
          jobId: repairDeadlineJobId(inspectionId, severity),
          delay: Math.max(0, deadlineAt.getTime() - Date.now()),
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          // A failed deadline is removed so the next sweep queues it again.
          removeOnFail: true,
        },
      })),
    );
  }
}
