import { Actor } from '@hearth/auth';
import { TenancyNoticeGiven } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { TenancyDatesScheduler } from '../../../jobs/tenancy-dates.scheduler';
import { TenancyDatesError } from '../../../leases.errors';
import { GivenBy } from '../../domain/tenancy.entity';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyEventRef, toTenancyView, TenancyView } from '../../tenancy.view';
import { GiveNoticeDto } from './give-notice.dto';

export class GiveNoticeCommand extends Command<TenancyView> {
  constructor(
    readonly tenancyId: string,
    readonly input: GiveNoticeDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Notice by either side, with a reason: the tenancy is ending (the flat vacating) and ends after `endsOn` (a job). */
@CommandHandler(GiveNoticeCommand)
export class GiveNoticeHandler implements ICommandHandler<GiveNoticeCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly dates: TenancyDatesScheduler,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId, input, actor }: GiveNoticeCommand): Promise<TenancyView> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancies.getForUpdate(manager, tenancyId, actor);
      tenancy.apply('give_notice');
      const givenOn = input.noticeGivenOn ?? this.clock.today();
      if (input.endsOn < givenOn) throw new TenancyDatesError('The tenancy cannot end before notice is given');
      if (input.endsOn < tenancy.startDate) throw new TenancyDatesError('The tenancy cannot end before it started');
      tenancy.noticeGivenOn = givenOn;
      tenancy.noticeGivenBy = input.givenBy as GivenBy;
      tenancy.endsOn = input.endsOn;
      tenancy.endReason = input.reason;
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(TenancyNoticeGiven, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...toTenancyEventRef(tenancy), noticeGivenOn: givenOn, endsOn: input.endsOn, givenBy: input.givenBy, reason: input.reason },
        }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'notice_given', actor, { givenBy: input.givenBy, reason: input.reason, endsOn: input.endsOn });
      this.unitOfWork.afterCommit(() => this.dates.scheduleEnd(tenancy.id, input.endsOn));
      return toTenancyView(tenancy);
    });
  }
}
