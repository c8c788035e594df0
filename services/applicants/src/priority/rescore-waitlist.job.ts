import { Processor, WorkerHost } from '@nestjs/bullmq';
import { CommandBus } from '@nestjs/cqrs';
import { Job } from 'bullmq';
import { ApplicantsQueue, RescoringJobData } from '../applicants.queues';
import { RescoreWaitlistCommand, RescoringProgress } from './commands/rescore-waitlist/rescore-waitlist.handler';

/** Runs the re-scoring use case for the policy version the job names, reporting progress on the job. */
@Processor(ApplicantsQueue.Rescoring, { concurrency: 1 })
export class RescoreWaitlistJob extends WorkerHost {
  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  process(job: Job<RescoringJobData>): Promise<RescoringProgress> {
    return this.commandBus.execute(new RescoreWaitlistCommand(job.data.policyVersion, (progress) => job.updateProgress({ ...progress })));
  }
}
