import { SYSTEM_ACTOR, UnitLet, UnitVacating } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Unit } from '../../domain/unit.entity';
import { canTransition } from '../../domain/unit-status';
import { UnitRepository } from '../../unit.repository';

/** What the leases service did with a tenancy of this flat. */
export type TenancyChange = { kind: 'started'; tenancyId: string } | { kind: 'notice_given'; tenancyId: string; endsOn: string };

export class ApplyTenancyChangeCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly change: TenancyChange,
  ) {
    super();
  }
}

/**
 * A tenancy started: the reserved flat is let. Notice was given: the let flat is vacating until
 * its last day. Anything that does not fit the flat's state is logged and ignored, never dead-lettered.
 */
@CommandHandler(ApplyTenancyChangeCommand)
export class ApplyTenancyChangeHandler implements ICommandHandler<ApplyTenancyChangeCommand> {
  private readonly logger = new Logger(ApplyTenancyChangeHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitRepository,
  ) {}

  execute({ unitId, change }: ApplyTenancyChangeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.findForUpdate(manager, unitId);
      const events = unit && this.decide(unit, change);
      if (!unit || !events) {
        this.logger.log({ unitId, ...change, unitStatus: unit?.status ?? null }, 'tenancy change does not change the unit; ignored');
        return;
      }
      await this.units.save(manager, unit, events);
    });
  }

  private decide(unit: Unit, change: TenancyChange): ((version: number) => NewEvent[]) | null {
    const ref = { unitId: unit.id, landlordId: unit.landlordId, leaseId: change.tenancyId };
    if (change.kind === 'started') {
      if (!canTransition(unit.status, 'let')) return null;
      unit.apply('let');
      unit.reservedOfferId = null;
      return (version) => [newEvent(UnitLet, { aggregateId: unit.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: ref })];
    }
    if (!canTransition(unit.status, 'start_vacating')) return null;
    unit.apply('start_vacating');
    return (version) => [
      newEvent(UnitVacating, { aggregateId: unit.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: { ...ref, vacatingOn: change.endsOn } }),
    ];
  }
}
