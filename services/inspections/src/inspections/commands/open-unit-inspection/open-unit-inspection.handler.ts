import { SYSTEM_ACTOR } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsNull, MoreThanOrEqual } from 'typeorm';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { Inspection, InspectionTrigger } from '../../domain/inspection.entity';
import { InspectionRepository } from '../../inspection.repository';

/** The inspections a unit's own life asks for, and the unit event that asks: the initial one when
 *  the unit is submitted, the move-out one when its tenancy was given notice. */
const TRIGGERS = { initial: 'unit_submitted', move_out: 'unit_vacating' } as const satisfies Record<string, InspectionTrigger>;
export type UnitInspectionType = keyof typeof TRIGGERS;

export class OpenUnitInspectionCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    /** The unit version that asked for the inspection. */
    readonly unitVersion: number,
    readonly type: UnitInspectionType,
  ) {
    super();
  }
}

/** One request per unit event: not a second one for the same event however often it arrives, nor
 *  while one of the same type is still open. */
@CommandHandler(OpenUnitInspectionCommand)
export class OpenUnitInspectionHandler implements ICommandHandler<OpenUnitInspectionCommand> {
  private readonly logger = new Logger(OpenUnitInspectionHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ unitId, unitVersion, type }: OpenUnitInspectionCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await manager.findOne(KnownUnit, { where: { id: unitId }, lock: { mode: 'pessimistic_write' } });
      if (!unit || unit.withdrawn) {
        this.logger.log({ unitId, type }, 'no inspection opened: the unit is withdrawn or was never described');
        return;
      }
      const sameKind = { unitId, type, reinspectionOf: IsNull() };
      const alreadyRequested = await manager.existsBy(Inspection, { ...sameKind, triggerUnitVersion: MoreThanOrEqual(unitVersion) });
      const [open] = await this.inspections.findOpen(manager, sameKind);
      if (alreadyRequested || open) {
        this.logger.log({ unitId, unitVersion, type }, 'inspection already requested for this unit event');
        return;
      }
      await this.inspections.open(manager, { unit, type, trigger: TRIGGERS[type], triggerUnitVersion: unitVersion }, SYSTEM_ACTOR);
    });
  }
}
