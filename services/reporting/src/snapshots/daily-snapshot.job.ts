import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job } from 'bullmq';
import { ReportingQueue } from '../reporting.queues';
import { TakeDailySnapshotCommand } from './commands/take-daily-snapshot/take-daily-snapshot.handler';
import { DAILY_SNAPSHOT_JOB, DailySnapshotJobData } from './daily-snapshots';

@Processor(ReportingQueue.DailySnapshots)
export class DailySnapshotJob extends WorkerHost {
  private readonly logger = new Logger(DailySnapshotJob.name);

  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<DailySnapshotJobData>): Promise<string> {
    if (job.name !== DAILY_SNAPSHOT_JOB) throw new Error(`The ${ReportingQueue.DailySnapshots} queue has no handler for job ${job.name}`);
    const result = await this.commandBus.execute(new TakeDailySnapshotCommand(job.data.day));
    this.logger.log({ jobId: job.id, result }, 'daily snapshot');
    return result;
  }
}
