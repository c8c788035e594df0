import { SYSTEM_ACTOR, TenancyStarted } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { MonthlyScheduler } from '../../../jobs/monthly.scheduler';
import { Tenancy } from '../../domain/tenancy.entity';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyEventRef } from '../../tenancy.view';

export type StartResult = 'started' | 'not_yet' | 'not_signed';

export class StartTenancyCommand extends Command<StartResult> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

/** A signed tenancy's start date has come: it is active, the flat let, the household housed; the rent charges begin. */
@CommandHandler(StartTenancyCommand)
export class StartTenancyHandler implements ICommandHandler<StartTenancyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
    private readonly monthly: MonthlyScheduler,
  ) {}

  execute({ tenancyId }: StartTenancyCommand): Promise<StartResult> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await manager.findOne(Tenancy, { where: { id: tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy || tenancy.status !== 'signed') return 'not_signed';
      const today = this.clock.today();
      if (tenancy.startDate > today) return 'not_yet';
      tenancy.apply('activate');
      tenancy.activatedOn = today;
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(TenancyStarted, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: {
            ...toTenancyEventRef(tenancy),
            landlordId: tenancy.landlordId,
            startDate: tenancy.startDate,
            rentCents: tenancy.rentCents,
            serviceChargesCents: tenancy.serviceChargesCents,
          },
        }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'started', SYSTEM_ACTOR, { activatedOn: today });
      this.unitOfWork.afterCommit(() => this.monthly.catchUpTenancies(tenancy.id));
      return 'started';
    });
  }
}
