import { Actor } from '@hearth/auth';
import { TenancySigned } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { TenancyDatesScheduler } from '../../../jobs/tenancy-dates.scheduler';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyEventRef, toTenancyView, TenancyView } from '../../tenancy.view';
import { SignTenancyDto } from './sign-tenancy.dto';

export class SignTenancyCommand extends Command<TenancyView> {
  constructor(
    readonly tenancyId: string,
    readonly input: SignTenancyDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff record the signed contract; it becomes active on its start date (a job queued after commit). */
@CommandHandler(SignTenancyCommand)
export class SignTenancyHandler implements ICommandHandler<SignTenancyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly dates: TenancyDatesScheduler,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId, input, actor }: SignTenancyCommand): Promise<TenancyView> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancies.getForUpdate(manager, tenancyId, actor);
      tenancy.apply('sign');
      tenancy.signedOn = input.signedOn ?? this.clock.today();
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(TenancySigned, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...toTenancyEventRef(tenancy), startDate: tenancy.startDate, endDate: tenancy.endDate },
        }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'signed', actor, { signedOn: tenancy.signedOn });
      this.unitOfWork.afterCommit(() => this.dates.scheduleStart(tenancy.id, tenancy.startDate));
      return toTenancyView(tenancy);
    });
  }
}
