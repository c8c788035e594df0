import { Actor } from '@hearth/auth';
import { PriorityPolicyPublished } from '@hearth/contracts';
import { EventOutbox, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { rescoringJobId } from '../../../applicants.queues';
import { isoDate } from '../../../households/matching-attributes';
import { PriorityPolicyVersion } from '../../domain/priority-policy.entity';
import { PolicyRegistry } from '../../policy-registry';
import { RescoringScheduler } from '../../rescoring.scheduler';
import { PublishPolicyDto } from './publish-policy.dto';

/** Policy events are keyed by this id; their aggregateVersion is the policy version. */
export const PRIORITY_POLICY_AGGREGATE_ID = 'priority-policy';

export interface PublishedPolicy {
  version: number;
  weights: PriorityPolicyVersion['weights'];
  summary: string;
  publishedBy: string;
  publishedAt: Date;
  rescoring: { jobId: string; progress: string };
}

export class PublishPolicyCommand extends Command<PublishedPolicy> {
  constructor(
    readonly input: PublishPolicyDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Publishes the next priority policy version and queues the re-scoring of every waitlisted
 * household. Versions are immutable rows (the version is the key), so two board members
 * publishing at once cannot both create the same version.
 */
@CommandHandler(PublishPolicyCommand)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: PolicyRegistry,
    private readonly outbox: EventOutbox,
    private readonly scheduler: RescoringScheduler,
  ) {}

  async execute({ input, actor }: PublishPolicyCommand): Promise<PublishedPolicy> {
    const published = await this.unitOfWork.run(async (manager) => {
      const current = await this.policies.lockForPublishing(manager);
      if (input.expectedCurrentVersion !== undefined && input.expectedCurrentVersion !== current.version) {
        throw new ConflictError('POLICY.STALE', `Policy version ${current.version} is in force, not ${input.expectedCurrentVersion}; review it and publish again`);
      }
      const row = manager.create(PriorityPolicyVersion, {
        version: current.version + 1,
        weights: input.weights,
        summary: input.summary,
        publishedBy: actor.id,
        publishedAt: new Date(),
        rescoringCompletedAt: null,
        rescoredHouseholds: null,
        changedHouseholds: null,
      });
      await manager.insert(PriorityPolicyVersion, row);
      await this.outbox.append(manager, [
        newEvent(PriorityPolicyPublished, {
          aggregateId: PRIORITY_POLICY_AGGREGATE_ID,
          aggregateVersion: row.version,
          actor,
          payload: { policyVersion: row.version, weights: row.weights, publishedOn: isoDate(row.publishedAt) },
        }),
      ]);
      return row;
    });
    // After the commit: a job for a version that was rolled back must never exist. If Redis is
    // down now, the sweep queues it when it is back (RescoringScheduler.sweep).
    await this.unitOfWork.afterCommit(() => this.scheduler.enqueue(published.version));
    return {
      version: published.version,
      weights: published.weights,
      summary: published.summary,
      publishedBy: published.publishedBy,
      publishedAt: published.publishedAt,
      rescoring: { jobId: rescoringJobId(published.version), progress: `/priority-policies/${published.version}/rescoring` },
    };
  }
}
