import { enqueueJobs, JobSweep, JobToQueue, Sweep } from '@hearth/platform';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DelayedError, Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MatchingQueue, offerExpiryJobId } from '../../../matching.queues';
import { ExpireOfferCommand } from './expire-offer.handler';

export interface OfferExpiryJobData {
  offerId: string;
}

/**
 * Schedules an offer's expiry at its response deadline; one job per offer (deterministic id). The
 * job is queued after the offer is committed, and the sweep queues again the expiry of every offer
 * still awaiting an answer, so a deadline lost with Redis still fires.
 */
@Injectable()
@Sweep('offer expiries')
export class OfferExpiryJobs implements JobSweep {
  constructor(
    @InjectQueue(MatchingQueue.OfferExpiry) private readonly queue: Queue<OfferExpiryJobData>,
    private readonly dataSource: DataSource,
  ) {}

  schedule(offerId: string, deadline: Date): Promise<number> {
    return enqueueJobs(this.queue, [expiryJob(offerId, deadline)]);
  }

  async sweep(): Promise<number> {
    const open: { id: string; response_deadline: Date }[] = await this.dataSource.query(
      `SELECT id, response_deadline FROM offers WHERE status = 'offered' AND response_deadline IS NOT NULL`,
    );
    return enqueueJobs(this.queue, open.map((offer) => expiryJob(offer.id, new Date(offer.response_deadline))));
  }
}

function expiryJob(offerId: string, deadline: Date): JobToQueue<OfferExpiryJobData> {
  return {
    name: 'expire-offer',
    data: { offerId },
    opts: {
      jobId: offerExpiryJobId(offerId),
      delay: Math.max(0, deadline.getTime() - Date.now()),
      attempts: 8,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      // A failed expiry is removed so the next sweep queues it again.
      removeOnFail: true,
    },
  };
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
