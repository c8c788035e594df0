import { Actor } from '@hearth/auth';
import { InspectionReopened } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { InspectionRepository } from '../../inspection.repository';
import { InspectionView, toInspectionEventRef, toInspectionView } from '../../inspection.view';

export class RecordNoAccessCommand extends Command<InspectionView> {
  constructor(
    readonly inspectionId: string,
    readonly note: string,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** The inspector could not get in: the request is open again for a new appointment, and the
 *  failed visit stays in the history with its note. */
@CommandHandler(RecordNoAccessCommand)
export class RecordNoAccessHandler implements ICommandHandler<RecordNoAccessCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ inspectionId, note, actor, expectedVersion }: RecordNoAccessCommand): Promise<InspectionView> {
    return this.unitOfWork.run(async (manager) => {
      const inspection = await this.inspections.getForUpdate(manager, inspectionId, actor);
      assertExpectedVersion('Inspection', inspection, expectedVersion);
      const visit = { inspectorId: inspection.inspectorId, scheduledAt: inspection.scheduledAt };
      inspection.recordNoAccess();
      await this.inspections.save(manager, inspection, (version) => [
        newEvent(InspectionReopened, {
          aggregateId: inspection.id,
          aggregateVersion: version,
          actor,
          payload: { ...toInspectionEventRef(inspection), reason: 'no_access' },
        }),
      ]);
      await this.inspections.recordHistory(manager, inspection, 'no_access', actor, { note, ...visit });
      return toInspectionView(inspection, await manager.findOneBy(KnownUnit, { id: inspection.unitId }));
    });
  }
}
