import { ENQUEUE_TIMEOUT_MS, enqueueJobs, JobSweep, Sweep, withTimeout } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobType, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addDays, startOfDayIn } from '../calendar/working-days';
import { MediationRules } from '../config';
import { MediationQueue } from '../mediation.queues';

export const DEADLINE_JOB = 'deadline';
const ENQUEUE_CHUNK = 1_000;
/** A job in any of these is one BullMQ would refuse to add again under the same id. */
const EVERY_JOB_STATE: JobType[] = ['wait', 'paused', 'prioritized', 'waiting-children', 'delayed', 'active', 'completed', 'failed'];

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

/** A stage's acknowledgement (or answer) not done yet and not flagged overdue: what the partial indexes hold. */
const ACKNOWLEDGEMENT_PENDING = 's.acknowledged_on IS NULL AND NOT s.acknowledge_overdue';
const ANSWER_PENDING = 's.acknowledged_on IS NOT NULL AND s.answered_on IS NULL AND NOT s.answer_overdue';
/** Few complaints are withdrawn: excluding them this way stays cheap whatever the statistics say. */
const NOT_WITHDRAWN = `NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = s.complaint_id AND c.status = 'withdrawn')`;

/** What one sweep did. */
export interface DeadlineSweepResult {
  /** Deadlines whose day was over but never flagged (their job lost or never run), flagged overdue now. */
  flaggedOverdue: number;
  /** Deadlines still running, each with its job in Redis after the sweep. */
  pending: number;
  /** Of those, the jobs this sweep queued (the others were in Redis already). */
  queued: number;
}

/**
 * The one deadline engine of the service: every time limit is a delayed job that fires when its
 * due day is over (midnight in AGENCY_TIME_ZONE), queued after the commit. The sweep rebuilds it
 * from the database, Redis never being the record: a deadline whose day is already over is
 * flagged overdue in one statement (what its job would have done), and every deadline still
 * running whose job Redis does not hold is queued again (same job ids).
 */
@Injectable()
@Sweep('mediation deadlines')
export class DeadlineScheduler implements JobSweep {
  private readonly logger = new Logger(DeadlineScheduler.name);

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
    const now = this.rules.now().getTime();
    const fireAt = new Map<string, number>();
    const delayUntilOver = (dueOn: string) => {
      if (!fireAt.has(dueOn)) fireAt.set(dueOn, startOfDayIn(this.rules.timeZone, addDays(dueOn, 1)).getTime());
      return Math.max(0, fireAt.get(dueOn)! - now);
    };
    return enqueueJobs(
      this.queue,
      deadlines.map((data) => ({
        name: DEADLINE_JOB,
        data,
        opts: {
          jobId: deadlineJobId(data),
          delay: delayUntilOver(data.dueOn),
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  async sweep(): Promise<number> {
    const { flaggedOverdue, pending } = await this.sweepDeadlines();
    if (flaggedOverdue > 0) this.logger.log({ flaggedOverdue }, 'deadlines past their day flagged overdue by the sweep');
    return pending;
  }

  async sweepDeadlines(): Promise<DeadlineSweepResult> {
    const flaggedOverdue = await this.flagMissed(this.rules.today());
    const pending = await this.pending();
    return { flaggedOverdue, pending: pending.length, queued: await this.queueMissing(pending) };
  }

  /**
   * Flags overdue, in one statement, every deadline whose day is over, as HandleComplaintDeadline
   * does for one: not done, not flagged, the complaint not withdrawn. A row changed meanwhile is
   * checked again on its new version (a concurrent acknowledgement wins); no Redis involved.
   */
  private async flagMissed(today: string): Promise<number> {
    const [{ flagged }]: { flagged: number }[] = await this.dataSource.query(
      `WITH flagged AS (
         UPDATE complaint_stages s
            SET acknowledge_overdue = s.acknowledge_overdue OR (s.acknowledged_on IS NULL AND s.acknowledge_by < $1),
                answer_overdue = s.answer_overdue OR (s.acknowledged_on IS NOT NULL AND s.answered_on IS NULL AND s.answer_by < $1)
          WHERE ((${ACKNOWLEDGEMENT_PENDING} AND s.acknowledge_by < $1) OR (${ANSWER_PENDING} AND s.answer_by < $1)) AND ${NOT_WITHDRAWN}
         RETURNING 1)
       SELECT count(*)::int AS flagged FROM flagged`,
      [today],
    );
    return flagged;
  }

  /** Every time limit not yet met nor flagged overdue, from the database. */
  async pending(): Promise<DeadlineJobData[]> {
    const rows: { kind: DeadlineKind; id: string; stage: number; due_on: string }[] = await this.dataSource.query(`
      SELECT 'complaint_acknowledge' AS kind, s.complaint_id AS id, s.stage, s.acknowledge_by::text AS due_on
        FROM complaint_stages s WHERE ${ACKNOWLEDGEMENT_PENDING} AND ${NOT_WITHDRAWN}
      UNION ALL
      SELECT 'complaint_answer', s.complaint_id, s.stage, s.answer_by::text
        FROM complaint_stages s WHERE ${ANSWER_PENDING} AND ${NOT_WITHDRAWN}`);
    return rows.map((row) => ({ kind: row.kind, id: row.id, stage: row.stage, dueOn: row.due_on }));
  }

  /**
   * Queues the deadlines whose job Redis does not hold: the ids of every job in the queue, in
   * whatever state, come back in one round trip; only the missing jobs are added, in bulk.
   */
  private async queueMissing(deadlines: readonly DeadlineJobData[]): Promise<number> {
    if (deadlines.length === 0) return 0;
    const held = new Set(await withTimeout(this.queue.getRanges(EVERY_JOB_STATE, 0, -1), ENQUEUE_TIMEOUT_MS, `Redis (queue ${this.queue.name})`));
    return this.schedule(deadlines.filter((data) => !held.has(deadlineJobId(data))));
  }
}
