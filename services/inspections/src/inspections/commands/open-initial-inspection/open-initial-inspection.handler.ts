import { SYSTEM_ACTOR } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsNull, MoreThanOrEqual } from 'typeorm';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { Inspection } from '../../domain/inspection.entity';
import { InspectionRepository } from '../../inspection.repository';

export class OpenInitialInspectionCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    /** The unit version that was submitted for inspection. */
    readonly unitVersion: number,
  ) {
    super();
  }
}

/** A unit submitted for inspection gets one initial inspection request: not a second one for the
 *  same submission, nor while one is still open. */
@CommandHandler(OpenInitialInspectionCommand)
export class OpenInitialInspectionHandler implements ICommandHandler<OpenInitialInspectionCommand> {
  private readonly logger = new Logger(OpenInitialInspectionHandler.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ unitId, unitVersion }: OpenInitialInspectionCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await manager.findOne(KnownUnit, { where: { id: unitId }, lock: { mode: 'pessimistic_write' } });
      if (!unit || unit.withdrawn) {
        this.logger.log({ unitId }, 'no initial inspection: the unit is withdrawn or was never described');
        return;
      }
      const initial = { unitId, type: 'initial' as const, reinspectionOf: IsNull() };
      const alreadyRequested = await manager.existsBy(Inspection, { ...initial, triggerUnitVersion: MoreThanOrEqual(unitVersion) });
      const [open] = await this.inspections.findOpen(manager, initial);
      if (alreadyRequested || open) {
        this.logger.log({ unitId, unitVersion }, 'initial inspection already requested for this submission');
        return;
      }
      await this.inspections.open(manager, { unit, type: 'initial', trigger: 'unit_submitted', triggerUnitVersion: unitVersion }, SYSTEM_ACTOR);
    });
  }
}
