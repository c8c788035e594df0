import { createLogger } from '@hearth/platform';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ApplicantsQueue, RescoringJobData, rescoringJobId } from '../applicants.queues';
import { PriorityPolicyVersion } from './domain/priority-policy.entity';

const DAY_S = 86_400;

/**
 * Queues the re-scoring of the waitlist after a policy is published. The job id is derived from
 * the policy version, so it is queued once however often this is called; at start-up, a policy
 * whose re-scoring never finished (e.g. Redis was down when it was published) is queued again.
 */
@Injectable()
export class RescoringScheduler implements OnApplicationBootstrap {
  private readonly logger = createLogger('applicants').child({ component: 'rescoring' });

  constructor(
    @InjectQueue(ApplicantsQueue.Rescoring) private readonly queue: Queue<RescoringJobData>,
    private readonly dataSource: DataSource,
  ) {}

  async enqueue(policyVersion: number): Promise<void> {
    await this.queue.add(
      'rescore-waitlist',
      { policyVersion },
      {
        jobId: rescoringJobId(policyVersion),
        attempts: 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 90 * DAY_S },
        removeOnFail: { age: 90 * DAY_S },
      },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const [latest] = await this.dataSource.manager.find(PriorityPolicyVersion, { order: { version: 'DESC' }, take: 1 });
    if (latest && latest.rescoringCompletedAt === null) {
      this.logger.info({ policyVersion: latest.version }, 're-scoring not finished: queued again');
      await this.enqueue(latest.version);
    }
  }

  async job(policyVersion: number) {
    return this.queue.getJob(rescoringJobId(policyVersion));
  }
}
