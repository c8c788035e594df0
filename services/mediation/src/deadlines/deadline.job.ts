import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job } from 'bullmq';
import { HandleComplaintDeadlineCommand } from '../complaints/commands/handle-complaint-deadline/handle-complaint-deadline';
import { MediationQueue } from '../mediation.queues';
import { DEADLINE_JOB, DeadlineJobData } from './deadline.scheduler';

/** A due day is over: hands it to the use case, which decides what (if anything) to do. */
@Processor(MediationQueue.Deadlines)
export class DeadlineJob extends WorkerHost {
  private readonly logger = new Logger(DeadlineJob.name);

  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<DeadlineJobData>): Promise<string> {
    if (job.name !== DEADLINE_JOB) throw new Error(`The ${MediationQueue.Deadlines} queue has no handler for job ${job.name}`);
    const result = await this.commandBus.execute(new HandleComplaintDeadlineCommand(job.data));
    this.logger.log({ jobId: job.id, result }, 'deadline handled');
    return result;
  }
}
