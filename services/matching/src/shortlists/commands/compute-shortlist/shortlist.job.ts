import { enqueueJobs, JobSweep, JobToQueue, Sweep } from '@hearth/platform';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MatchingQueue, shortlistJobId } from '../../../matching.queues';
import { ComputeShortlistCommand } from './compute-shortlist.handler';

export interface ShortlistJobData {
  unitId: string;
  unitVersion: number;
}

/**
 * Queues the shortlist of a unit that became available; one job per unit version (deterministic
 * id), after the commit. The sweep queues again every available unit whose stored shortlist is
 * missing or older than the unit.
 */
@Injectable()
@Sweep('shortlists')
export class ShortlistJobs implements JobSweep {
  constructor(
    @InjectQueue(MatchingQueue.Shortlists) private readonly queue: Queue<ShortlistJobData>,
    private readonly dataSource: DataSource,
  ) {}

  schedule(unitId: string, unitVersion: number): Promise<number> {
    return enqueueJobs(this.queue, [shortlistJob(unitId, unitVersion)]);
  }

  async sweep(): Promise<number> {
    const pending: { unit_id: string; unit_version: number }[] = await this.dataSource.query(
      `SELECT u.unit_id, u.unit_version FROM available_units u LEFT JOIN shortlists s ON s.unit_id = u.unit_id
        WHERE u.status = 'available' AND (s.unit_id IS NULL OR s.unit_version < u.unit_version)`,
    );
    return enqueueJobs(this.queue, pending.map((unit) => shortlistJob(unit.unit_id, unit.unit_version)));
  }
}

function shortlistJob(unitId: string, unitVersion: number): JobToQueue<ShortlistJobData> {
  return {
    name: 'compute-shortlist',
    data: { unitId, unitVersion },
    opts: {
      jobId: shortlistJobId(unitId, unitVersion),
      attempts: 8,
      backoff: { type: 'exponential', delay: 50 },
      removeOnComplete: { age: 3600 },
      removeOnFail: true,
    },
  };
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
