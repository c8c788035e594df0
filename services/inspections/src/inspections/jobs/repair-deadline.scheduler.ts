import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
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
 * Puts repair deadlines on the BullMQ queue as delayed jobs. They live in Redis, so they outlive
 * a restart; at start-up every deadline the database still has pending is queued again (same job
 * id, so nothing is queued twice), in case Redis lost it or the service stopped between commit and
 * queueing.
 */
@Injectable()
export class RepairDeadlineScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RepairDeadlineScheduler.name);

  constructor(
    @Inject(REPAIR_DEADLINE_POLICY) private readonly policy: RepairDeadlinePolicy,
    @InjectQueue(InspectionsQueue.RepairDeadlines) private readonly queue: Queue<RepairDeadlineJobData>,
    private readonly dataSource: DataSource,
  ) {}

  deadlinesFor(severities: readonly Severity[], foundAt: Date): { severity: Severity; deadlineAt: Date }[] {
    return distinctDeadlines(severities, foundAt, this.policy);
  }

  schedule(inspectionId: string, deadlines: readonly { severity: Severity; deadlineAt: Date }[]): Promise<void> {
    return this.enqueue(deadlines.map(({ severity, deadlineAt }) => ({ inspectionId, severity, deadlineAt })));
  }

  async onApplicationBootstrap(): Promise<void> {
    const pending: { inspection_id: string; severity: Severity; deadline_at: Date }[] = await this.dataSource.query(
      `SELECT inspection_id, severity, min(deadline_at) AS deadline_at
         FROM deficiencies WHERE deadline_handled_at IS NULL GROUP BY inspection_id, severity`,
    );
    await this.enqueue(pending.map((row) => ({ inspectionId: row.inspection_id, severity: row.severity, deadlineAt: new Date(row.deadline_at) })));
    if (pending.length > 0) this.logger.log({ deadlines: pending.length }, 'pending repair deadlines queued again');
  }

  /** Queues the jobs in one round trip to Redis (a start-up may have many to queue again). */
  private async enqueue(deadlines: readonly (RepairDeadlineJobData & { deadlineAt: Date })[]): Promise<void> {
    if (deadlines.length === 0) return;
    await this.queue.addBulk(
      deadlines.map(({ inspectionId, severity, deadlineAt }) => ({
        name: REPAIR_DEADLINE_JOB,
        data: { inspectionId, severity },
        opts: {
          jobId: repairDeadlineJobId(inspectionId, severity),
          delay: Math.max(0, deadlineAt.getTime() - Date.now()),
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: 1_000,
        },
      })),
    );
  }
}
