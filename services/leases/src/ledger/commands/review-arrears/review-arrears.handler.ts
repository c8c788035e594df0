import { SYSTEM_ACTOR } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';

export class ReviewArrearsCommand extends Command<'changed' | 'unchanged'> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

/** Arrears age with the calendar, without any booking: re-reads a tenancy's arrears today and announces what changed. */
@CommandHandler(ReviewArrearsCommand)
export class ReviewArrearsHandler implements ICommandHandler<ReviewArrearsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId }: ReviewArrearsCommand): Promise<'changed' | 'unchanged'> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await manager.findOne(Tenancy, { where: { id: tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy) return 'unchanged';
      const before = `${tenancy.balanceCents}|${tenancy.arrearsAgeing}|${tenancy.arrearsStage}`;
      const settled = await this.tenancies.settle(manager, tenancy, this.clock.today(), SYSTEM_ACTOR);
      // The events carry the version the save gives the tenancy.
      const events = settled(tenancy.version + 1);
      if (events.length === 0 && `${tenancy.balanceCents}|${tenancy.arrearsAgeing}|${tenancy.arrearsStage}` === before) return 'unchanged';
      await this.tenancies.save(manager, tenancy, () => events);
      return 'changed';
    });
  }
}
