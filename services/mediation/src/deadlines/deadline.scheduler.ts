import { enqueueJobs, JobSweep, Sweep } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addDays, startOfDayIn } from '../calendar/working-days';
import { MediationRules } from '../config';
import { MediationQueue } from '../mediation.queues';

export const DEADLINE_JOB = 'deadline';
const ENQUEUE_CHUNK = 1_000;

/** The time limits that change state when missed (the complaint's overdue flags). Preparation tasks
 *  and post-arrival meetings get their state from the same calendar when read, and the digest. */
export type DeadlineKind = 'complaint_acknowledge' | 'complaint_answer';

/** The job carries ids and the due day only; the handler re-reads the record. */
export interface DeadlineJobData {
  kind: DeadlineKind;
  /** The complaint. */
  id: string;
  stage: number;
  /** The last working day in time; the job fires when the agency's next day starts. */
  dueOn: string;
}

/** Deterministic: one job per record, stage, kind and due day (an extension gives a new due day, so a new job). */
export function deadlineJobId(data: DeadlineJobData): string {
  return ['deadline', data.kind, data.id, data.stage, data.dueOn].join('-');
}

/**
 * The one deadline engine of the service: every time limit is a delayed job that fires when its
 * due day is over (midnight in AGENCY_TIME_ZONE), queued after the commit. The sweep queues again
 * every deadline the database still has pending (same job ids), so Redis is never the record.
 */
@Injectable()
@Sweep('mediation deadlines')
export class DeadlineScheduler implements JobSweep {
  constructor(
    private readonly rules: MediationRules,
    @InjectQueue(MediationQueue.Deadlines) private readonly queue: Queue<DeadlineJobData>,
    private readonly dataSource: DataSource,
  ) {}

  /** Queues the jobs in chunks (a sweep may have tens of thousands), each chunk one round trip to Redis with its own timeout. */
  async schedule(deadlines: readonly DeadlineJobData[]): Promise<number> {
    let queued = 0;
    for (let start = 0; start < deadlines.length; start += ENQUEUE_CHUNK) queued += await this.enqueue(deadlines.slice(start, start + ENQUEUE_CHUNK));
    return queued;
  }

  private enqueue(deadlines: readonly DeadlineJobData[]): Promise<number> {
    return enqueueJobs(
      this.queue,
      deadlines.map((data) => ({
        name: DEADLINE_JOB,
        data,
        opts: {
          jobId: deadlineJobId(data),
          delay: Math.max(0, startOfDayIn(this.rules.timeZone, addDays(data.dueOn, 1)).getTime() - this.rules.now().getTime()),
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  async sweep(): Promise<number> {
    return this.schedule(await this.pending());
  }

  /** Every time limit not yet met nor flagged overdue, from the database. */
  async pending(): Promise<DeadlineJobData[]> {
    const rows: { kind: DeadlineKind; id: string; stage: number; due_on: string }[] = await this.dataSource.query(`
      SELECT 'complaint_acknowledge' AS kind, s.complaint_id AS id, s.stage, s.acknowledge_by::text AS due_on
        FROM complaint_stages s JOIN complaints c ON c.id = s.complaint_id
       WHERE s.acknowledged_on IS NULL AND NOT s.acknowledge_overdue AND c.status <> 'withdrawn'
      UNION ALL
      SELECT 'complaint_answer', s.complaint_id, s.stage, s.answer_by::text
        FROM complaint_stages s JOIN complaints c ON c.id = s.complaint_id
       WHERE s.acknowledged_on IS NOT NULL AND s.answered_on IS NULL AND NOT s.answer_overdue AND c.status <> 'withdrawn'
`);
    return rows.map((row) => ({ kind: row.kind, id: row.id, stage: row.stage, dueOn: row.due_on }));
  }
}
