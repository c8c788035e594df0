import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job, Queue } from 'bullmq';
import { allocationRunJobId, MatchingQueue } from '../../../matching.queues';
import { ExecuteRunCommand } from './execute-run.handler';

export interface AllocationRunJobData {
  runId: string;
}

@Injectable()
export class AllocationRunJobs {
  constructor(@InjectQueue(MatchingQueue.AllocationRuns) private readonly queue: Queue<AllocationRunJobData>) {}

  async schedule(runId: string): Promise<void> {
    await this.queue.add(
      'execute-run',
      { runId },
      {
        jobId: allocationRunJobId(runId),
        // Queued inside the request's transaction: a job that runs before the commit does not find
        // the run yet and is retried. A run that fails is marked failed and not solved again.
        attempts: 6,
        backoff: { type: 'exponential', delay: 100 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }
}

/** Solves one run at a time. The solve itself is synchronous CPU work, hence the long lock. */
@Processor(MatchingQueue.AllocationRuns, { concurrency: 1, lockDuration: 5 * 60_000 })
export class AllocationRunJob extends WorkerHost {
  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<AllocationRunJobData>): Promise<void> {
    await this.commandBus.execute(new ExecuteRunCommand(job.data.runId, (progress) => job.updateProgress(progress)));
  }
}
