import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job, Queue } from 'bullmq';
import { MatchingQueue, shortlistJobId } from '../../../matching.queues';
import { ComputeShortlistCommand } from './compute-shortlist.handler';

export interface ShortlistJobData {
  unitId: string;
  unitVersion: number;
}

/** Queues the shortlist of a unit that became available; one job per unit version (deterministic id). */
@Injectable()
export class ShortlistJobs {
  constructor(@InjectQueue(MatchingQueue.Shortlists) private readonly queue: Queue<ShortlistJobData>) {}

  async schedule(unitId: string, unitVersion: number): Promise<void> {
    await this.queue.add(
      'compute-shortlist',
      { unitId, unitVersion },
      {
        jobId: shortlistJobId(unitId, unitVersion),
        // Queued inside the consumer's transaction: a job that runs before the commit finds the
        // unit's older version and is retried shortly.
        attempts: 8,
        backoff: { type: 'exponential', delay: 50 },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }
}

@Processor(MatchingQueue.Shortlists, { concurrency: 4 })
export class ShortlistJob extends WorkerHost {
  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<ShortlistJobData>): Promise<void> {
    await this.commandBus.execute(new ComputeShortlistCommand(job.data.unitId, job.data.unitVersion));
  }
}
