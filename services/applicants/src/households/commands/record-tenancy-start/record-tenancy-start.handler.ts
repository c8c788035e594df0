import { ApplicantHoused, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Household } from '../../domain/household.entity';
import { canTransition } from '../../domain/household-status';
import { HouseholdRepository } from '../../household.repository';

export class RecordTenancyStartCommand extends Command<void> {
  constructor(
    readonly householdId: string,
    readonly tenancyId: string,
  ) {
    super();
  }
}

/**
 * The household's tenancy started (leases): an offered household is housed. Anything else (an
 * erased, paused or already housed household) is logged and ignored, never dead-lettered.
 */
@CommandHandler(RecordTenancyStartCommand)
export class RecordTenancyStartHandler implements ICommandHandler<RecordTenancyStartCommand> {
  private readonly logger = new Logger(RecordTenancyStartHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdRepository,
  ) {}

  execute({ householdId, tenancyId }: RecordTenancyStartCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const household = await manager.findOne(Household, { where: { id: householdId }, lock: { mode: 'pessimistic_write' } });
      if (!household || !canTransition(household.status, 'house')) {
        this.logger.log({ householdId, tenancyId, householdStatus: household?.status ?? null }, 'tenancy start does not change the household; ignored');
        return;
      }
      household.apply('house');
      household.currentOfferId = null;
      await this.households.save(manager, household, (version) => [
        newEvent(ApplicantHoused, {
          aggregateId: household.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: { householdId: household.id, reference: household.reference, status: 'housed', tenancyId },
        }),
      ]);
    });
  }
}
