import { SYSTEM_ACTOR } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimEngine } from '../../../claims/claim-engine';
import { LeasesClock } from '../../../clock';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';

export class ReviewArrearsCommand extends Command<'changed' | 'unchanged'> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

/** Arrears age with the calendar, without any booking: re-reads a tenancy's arrears today, announces what changed and climbs the claim ladder. */
@CommandHandler(ReviewArrearsCommand)
export class ReviewArrearsHandler implements ICommandHandler<ReviewArrearsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
    private readonly claims: ClaimEngine,
  ) {}

  execute({ tenancyId }: ReviewArrearsCommand): Promise<'changed' | 'unchanged'> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await manager.findOne(Tenancy, { where: { id: tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy) return 'unchanged';
      const before = `${tenancy.balanceCents}|${tenancy.arrearsAgeing}|${tenancy.arrearsStage}`;
      const today = this.clock.today();
      const settled = await this.tenancies.settle(manager, tenancy, today, SYSTEM_ACTOR);
      // Then the claim engine's steps: formal notice, claim, further months (docs/decisions/0023-guarantee-claim-engine.md).
      const laddered = await this.claims.reviewArrears(manager, tenancy, today, SYSTEM_ACTOR);
      // The events carry the version the save gives the tenancy.
      const events = [...settled(tenancy.version + 1), ...laddered(tenancy.version + 1)];
      if (events.length === 0 && `${tenancy.balanceCents}|${tenancy.arrearsAgeing}|${tenancy.arrearsStage}` === before) return 'unchanged';
      await this.tenancies.save(manager, tenancy, () => events);
      return 'changed';
    });
  }
}
