import { CaseReviewOpened, SYSTEM_ACTOR } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { addMonths } from '../../../calendar/working-days';
import { MediationRules } from '../../../config';
import { KnownTenancy } from '../../../directory/known-tenancy.entity';
import { CaseReview } from '../../case-review.entity';

export class OpenCaseReviewCommand extends Command<CaseReview | null> {
  constructor(
    readonly tenancyId: string,
    readonly on: string,
  ) {
    super();
  }
}

/**
 * After a complaint about a tenancy: when the complaints received about it within the window
 * (six months by default, up to and including `on`) reach the configured number (three), a case
 * review opens — one open review per tenancy at a time.
 */
@CommandHandler(OpenCaseReviewCommand)
export class OpenCaseReviewHandler implements ICommandHandler<OpenCaseReviewCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: AggregateStore,
    private readonly rules: MediationRules,
  ) {}

  execute({ tenancyId, on }: OpenCaseReviewCommand): Promise<CaseReview | null> {
    return this.unitOfWork.run(async (manager) => {
      // One at a time per tenancy: the tenancy's directory row is the lock.
      const tenancy = await manager.findOne(KnownTenancy, { where: { tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy) return null;
      const { windowMonths, complaints: needed } = this.rules.caseReview;
      const [{ count }] = await manager.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM complaints WHERE tenancy_id = $1 AND status <> 'withdrawn' AND received_on > $2 AND received_on <= $3`,
        [tenancyId, addMonths(on, -windowMonths), on],
      );
      if (count < needed) return null;
      if (await manager.findOneBy(CaseReview, { tenancyId, status: 'open' })) return null;
      const review = manager.create(CaseReview, {
        id: randomUUID(),
        version: 0,
        tenancyId,
        unitId: tenancy.unitId,
        householdId: tenancy.householdId,
        complaints: count,
        status: 'open',
        openedOn: on,
        resolvedOn: null,
        resolutionEncrypted: null,
      });
      await this.store.save(manager, CaseReview, review, (version) => [
        newEvent(CaseReviewOpened, {
          aggregateId: review.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: { reviewId: review.id, tenancyId, unitId: tenancy.unitId, complaints: count, windowMonths, openedOn: on },
        }),
      ]);
      return review;
    });
  }
}
