import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job } from 'bullmq';
import { RecordOwnerDueCommand } from '../head-leases/commands/record-owner-due/record-owner-due.handler';
import { ChargeRentCommand } from '../ledger/commands/charge-rent/charge-rent.handler';
import { ReviewArrearsCommand } from '../ledger/commands/review-arrears/review-arrears.handler';
import { IndexRentCommand } from '../indexation/commands/index-rent/index-rent.handler';
import { LeasesQueue } from '../leases.queues';
import { RaiseRenewalReminderCommand, ReminderTarget } from '../renewals/commands/raise-renewal-reminder/raise-renewal-reminder.handler';
import { MonthlyJobData } from './monthly.scheduler';

/** The monthly run's jobs: charge a month (to every tenancy or one), make an owner's month due, review a tenancy's arrears. */
@Processor(LeasesQueue.Monthly)
export class MonthlyJob extends WorkerHost {
  private readonly logger = new Logger(MonthlyJob.name);

  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<MonthlyJobData>): Promise<string> {
    const data = job.data as Record<string, string>;
    let result: string;
    if (job.name === 'charge-rent') result = `${await this.commandBus.execute(new ChargeRentCommand(data.month, data.tenancyId ? [data.tenancyId] : null))} charged`;
    else if (job.name === 'owner-due') result = await this.commandBus.execute(new RecordOwnerDueCommand(data.headLeaseId, data.month));
    else if (job.name === 'review-arrears') result = await this.commandBus.execute(new ReviewArrearsCommand(data.tenancyId));
    else if (job.name === 'index-rent') result = await this.commandBus.execute(new IndexRentCommand(data.tenancyId));
    else if (job.name === 'renewal-reminder') result = await this.commandBus.execute(new RaiseRenewalReminderCommand(job.data as unknown as ReminderTarget));
    else throw new Error(`The ${LeasesQueue.Monthly} queue has no handler for job ${job.name}`);
    this.logger.debug({ jobId: job.id, result }, 'monthly job handled');
    return result;
  }
}
