import { SYSTEM_ACTOR, UnitBecameAvailable, UnitSuspendedForRepairs } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitRepository } from '../../unit.repository';
import { toUnitEventAttributes } from '../../unit.view';
import { CompletedInspection, unitTransitionFor } from './inspection-outcome.rules';

export class ApplyInspectionOutcomeCommand extends Command<void> {
  constructor(readonly inspection: CompletedInspection) {
    super();
  }
}

/** Moves a flat on a completed inspection (see unitTransitionFor). An outcome that does not apply
 *  to the flat as it is now, or to a flat this service does not have, is logged and ignored: it
 *  must never block the stream or land in the dead-letter topic. */
@CommandHandler(ApplyInspectionOutcomeCommand)
export class ApplyInspectionOutcomeHandler implements ICommandHandler<ApplyInspectionOutcomeCommand> {
  private readonly logger = new Logger(ApplyInspectionOutcomeHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitRepository,
  ) {}

  execute({ inspection }: ApplyInspectionOutcomeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.findForUpdate(manager, inspection.unitId);
      const transition = unit && unitTransitionFor(unit, inspection);
      if (!unit || !transition) {
        this.logger.log({ ...inspection, unitStatus: unit?.status ?? null, pendingReason: unit?.pendingReason ?? null }, 'inspection outcome does not change the unit; ignored');
        return;
      }
      unit.apply(transition);
      await this.units.save(manager, unit, (version) => [
        unit.status === 'available'
          ? newEvent(UnitBecameAvailable, { aggregateId: unit.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: toUnitEventAttributes(unit) })
          : newEvent(UnitSuspendedForRepairs, {
              aggregateId: unit.id,
              aggregateVersion: version,
              actor: SYSTEM_ACTOR,
              payload: { unitId: unit.id, landlordId: unit.landlordId, inspectionId: inspection.inspectionId },
            }),
      ]);
    });
  }
}
