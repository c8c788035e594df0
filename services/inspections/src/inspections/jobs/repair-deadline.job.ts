import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job } from 'bullmq';
import { InspectionsQueue } from '../../inspections.queues';
import { HandleRepairDeadlineCommand, RepairDeadlineResult } from '../commands/handle-repair-deadline/handle-repair-deadline.handler';
import { REPAIR_DEADLINE_JOB, RepairDeadlineJobData } from './repair-deadline.scheduler';

/** A repair deadline has come: hands it to the use case, which decides what (if anything) to do. */
@Processor(InspectionsQueue.RepairDeadlines)
export class RepairDeadlineJob extends WorkerHost {
  private readonly logger = new Logger(RepairDeadlineJob.name);

  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<RepairDeadlineJobData>): Promise<RepairDeadlineResult> {
    if (job.name !== REPAIR_DEADLINE_JOB) throw new Error(`The ${InspectionsQueue.RepairDeadlines} queue has no handler for job ${job.name}`);
    const result = await this.commandBus.execute(new HandleRepairDeadlineCommand(job.data.inspectionId, job.data.severity));
    this.logger.log({ jobId: job.id, result }, 'repair deadline handled');
    return result;
  }
}
