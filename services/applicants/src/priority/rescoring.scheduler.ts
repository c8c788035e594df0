import { enqueueJobs, JobSweep, Sweep, withTimeout } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ApplicantsQueue, RescoringJobData, rescoringJobId } from '../applicants.queues';
import { PriorityPolicyVersion } from './domain/priority-policy.entity';

const DAY_S = 86_400;

/**
 * Queues the re-scoring of the waitlist after a policy is published. The job id is derived from
 * the policy version, so it is queued once however often this is called; the sweep queues again a
 * policy whose re-scoring never finished (e.g. Redis was down when it was published).
 */
@Injectable()
@Sweep('re-scoring')
export class RescoringScheduler implements JobSweep {
  constructor(
    @InjectQueue(ApplicantsQueue.Rescoring) private readonly queue: Queue<RescoringJobData>,
    private readonly dataSource: DataSource,
  ) {}

  enqueue(policyVersion: number): Promise<number> {
    return enqueueJobs(this.queue, [
      {
        name: 'rescore-waitlist',
        data: { policyVersion },
        opts: {
          jobId: rescoringJobId(policyVersion),
          attempts: 5,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: { age: 90 * DAY_S },
          // A failed re-scoring is removed so the next sweep queues it again.
          removeOnFail: true,
        },
      },
    ]);
  }

  async sweep(): Promise<number> {
    const [latest] = await this.dataSource.manager.find(PriorityPolicyVersion, { order: { version: 'DESC' }, take: 1 });
    return latest && latest.rescoringCompletedAt === null ? this.enqueue(latest.version) : 0;
  }

  /** The job, or undefined when Redis does not answer in time (its progress is then unknown). */
  async job(policyVersion: number) {
    return withTimeout(this.queue.getJob(rescoringJobId(policyVersion)), 1_000, 'Redis').catch(() => undefined);
  }
}
