import { Actor } from '@hearth/auth';
import { TenancyRenewed } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { TenancyDatesError } from '../../../leases.errors';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyEventRef, toTenancyView, TenancyView } from '../../tenancy.view';
import { RenewTenancyDto } from './renew-tenancy.dto';

export class RenewTenancyCommand extends Command<TenancyView> {
  constructor(
    readonly tenancyId: string,
    readonly input: RenewTenancyDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** An active tenancy renewed: a later end date (or none). A tenancy under notice is not renewed: notice stands. */
@CommandHandler(RenewTenancyCommand)
export class RenewTenancyHandler implements ICommandHandler<RenewTenancyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId, input, actor }: RenewTenancyCommand): Promise<TenancyView> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancies.getForUpdate(manager, tenancyId, actor);
      tenancy.apply('renew');
      const previousEndDate = tenancy.endDate;
      if (input.endDate !== null && previousEndDate !== null && input.endDate <= previousEndDate) {
        throw new TenancyDatesError('A renewal must end later than the current end date');
      }
      if (input.endDate !== null && input.endDate < tenancy.startDate) throw new TenancyDatesError('A renewal must not end before the tenancy started');
      const renewedOn = input.renewedOn ?? this.clock.today();
      tenancy.endDate = input.endDate;
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(TenancyRenewed, { aggregateId: tenancy.id, aggregateVersion: version, actor, payload: { ...toTenancyEventRef(tenancy), previousEndDate, endDate: input.endDate, renewedOn } }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'renewed', actor, { previousEndDate, endDate: input.endDate, renewedOn });
      return toTenancyView(tenancy);
    });
  }
}
