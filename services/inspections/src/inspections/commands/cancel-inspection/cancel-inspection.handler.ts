import { Actor } from '@hearth/auth';
import { InspectionCancelled } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { InspectionRepository } from '../../inspection.repository';
import { InspectionView, toInspectionEventRef, toInspectionView } from '../../inspection.view';

export class CancelInspectionCommand extends Command<InspectionView> {
  constructor(
    readonly inspectionId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

@CommandHandler(CancelInspectionCommand)
export class CancelInspectionHandler implements ICommandHandler<CancelInspectionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ inspectionId, reason, actor, expectedVersion }: CancelInspectionCommand): Promise<InspectionView> {
    return this.unitOfWork.run(async (manager) => {
      const inspection = await this.inspections.getForUpdate(manager, inspectionId, actor);
      assertExpectedVersion('Inspection', inspection, expectedVersion);
      inspection.cancel(reason);
      await this.inspections.save(manager, inspection, (version) => [
        newEvent(InspectionCancelled, {
          aggregateId: inspection.id,
          aggregateVersion: version,
          actor,
          payload: { ...toInspectionEventRef(inspection), reason },
        }),
      ]);
      await this.inspections.recordHistory(manager, inspection, 'cancelled', actor, { note: reason });
      return toInspectionView(inspection, await manager.findOneBy(KnownUnit, { id: inspection.unitId }));
    });
  }
}
