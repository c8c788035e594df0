import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DelayedError, Job, Queue } from 'bullmq';
import { MatchingQueue, offerExpiryJobId } from '../../../matching.queues';
import { ExpireOfferCommand } from './expire-offer.handler';

export interface OfferExpiryJobData {
  offerId: string;
}

/** Schedules an offer's expiry at its response deadline; one job per offer (deterministic id). */
@Injectable()
export class OfferExpiryJobs {
  constructor(@InjectQueue(MatchingQueue.OfferExpiry) private readonly queue: Queue<OfferExpiryJobData>) {}

  async schedule(offerId: string, deadline: Date): Promise<void> {
    await this.queue.add(
      'expire-offer',
      { offerId },
      {
        jobId: offerExpiryJobId(offerId),
        delay: Math.max(0, deadline.getTime() - Date.now()),
        attempts: 8,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }
}

/** Expires the offer if it is still open at its deadline; does nothing if it was answered meanwhile. */
@Processor(MatchingQueue.OfferExpiry)
export class OfferExpiryJob extends WorkerHost {
  constructor(private readonly commandBus: CommandBus) {
    super();
  }

  async process(job: Job<OfferExpiryJobData>, token?: string): Promise<void> {
    const outcome = await this.commandBus.execute(new ExpireOfferCommand(job.data.offerId));
    if (outcome.kind === 'not_due') {
      // Fired early (clock drift between machines): wait for the deadline itself.
      await job.moveToDelayed(outcome.deadline.getTime() + 1, token);
      throw new DelayedError();
    }
  }
}
