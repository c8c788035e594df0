import { enqueueJobs, JobSweep, JobToQueue, Sweep } from '@hearth/platform';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { allocationRunJobId, MatchingQueue } from '../../../matching.queues';
import { ExecuteRunCommand } from './execute-run.handler';

export interface AllocationRunJobData {
  runId: string;
}

/** Queues a run after it is committed; the sweep queues again every run still queued or running
 *  (a job lost with Redis, or a run queued while Redis was down). */
@Injectable()
@Sweep('allocation runs')
export class AllocationRunJobs implements JobSweep {
  constructor(
    @InjectQueue(MatchingQueue.AllocationRuns) private readonly queue: Queue<AllocationRunJobData>,
    private readonly dataSource: DataSource,
  ) {}

  schedule(runId: string): Promise<number> {
    return enqueueJobs(this.queue, [runJob(runId)]);
  }

  async sweep(): Promise<number> {
    const unfinished: { id: string }[] = await this.dataSource.query(`SELECT id FROM allocation_runs WHERE status IN ('queued', 'running')`);
    return enqueueJobs(this.queue, unfinished.map((run) => runJob(run.id)));
  }
}

function runJob(runId: string): JobToQueue<AllocationRunJobData> {
  return {
    name: 'execute-run',
    data: { runId },
    // A run that fails is marked failed and not solved again.
    opts: { jobId: allocationRunJobId(runId), attempts: 6, backoff: { type: 'exponential', delay: 100 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: true },
  };
}

/** Solves one run at a time, in a worker thread (so the lock is renewed meanwhile); the lock stays long as a margin for a slow machine. */
@Processor(MatchingQueue.AllocationRuns, { concurrency: 1, lockDuration: 5 * 60_000 })
export class AllocationRunJob extends WorkerHost {
  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<AllocationRunJobData>): Promise<void> {
    await this.commandBus.execute(new ExecuteRunCommand(job.data.runId, (progress) => job.updateProgress(progress)));
  }
}
