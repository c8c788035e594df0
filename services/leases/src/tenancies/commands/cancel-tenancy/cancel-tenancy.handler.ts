import { SYSTEM_ACTOR, TenancyCancelled } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { Tenancy } from '../../domain/tenancy.entity';
import { canTransition } from '../../domain/tenancy-status';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyEventRef } from '../../tenancy.view';

export class CancelTenancyCommand extends Command<void> {
  constructor(readonly offerId: string) {
    super();
  }
}

/** An accepted offer fell through: its tenancy, if it never started, is cancelled. One that started is left alone (logged). */
@CommandHandler(CancelTenancyCommand)
export class CancelTenancyHandler implements ICommandHandler<CancelTenancyCommand> {
  private readonly logger = new Logger(CancelTenancyHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ offerId }: CancelTenancyCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      await manager.query('DELETE FROM pending_offers WHERE offer_id = $1', [offerId]);
      const tenancy = await manager.findOne(Tenancy, { where: { offerId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy) return;
      if (!canTransition(tenancy.status, 'cancel')) {
        this.logger.warn({ tenancyId: tenancy.id, status: tenancy.status }, 'offer fell through after its tenancy started; tenancy kept');
        return;
      }
      tenancy.apply('cancel');
      const today = this.clock.today();
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(TenancyCancelled, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: { ...toTenancyEventRef(tenancy), cancelledOn: today, reason: 'offer_fell_through' },
        }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'cancelled', SYSTEM_ACTOR, { reason: 'offer_fell_through' });
    });
  }
}
