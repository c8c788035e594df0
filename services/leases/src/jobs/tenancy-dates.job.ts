import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job } from 'bullmq';
import { LeasesQueue } from '../leases.queues';
import { EndTenancyCommand } from '../tenancies/commands/end-tenancy/end-tenancy.handler';
import { StartTenancyCommand } from '../tenancies/commands/start-tenancy/start-tenancy.handler';
import { TenancyDateJobData } from './tenancy-dates.scheduler';

/** A tenancy's start or end date has come: hands it to the use case, which re-reads the tenancy and decides. */
@Processor(LeasesQueue.TenancyDates)
export class TenancyDatesJob extends WorkerHost {
  private readonly logger = new Logger(TenancyDatesJob.name);

  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<TenancyDateJobData>): Promise<string> {
    const command =
      job.name === 'start' ? new StartTenancyCommand(job.data.tenancyId) : job.name === 'end' ? new EndTenancyCommand(job.data.tenancyId) : null;
    if (!command) throw new Error(`The ${LeasesQueue.TenancyDates} queue has no handler for job ${job.name}`);
    const result: string = await this.commandBus.execute(command as StartTenancyCommand);
    this.logger.log({ jobId: job.id, result }, 'tenancy date handled');
    return result;
  }
}
