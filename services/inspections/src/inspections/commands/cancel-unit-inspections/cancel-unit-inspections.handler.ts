import { InspectionCancelled, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InspectionRepository } from '../../inspection.repository';
import { toInspectionEventRef } from '../../inspection.view';

export class CancelUnitInspectionsCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly reason: string,
  ) {
    super();
  }
}

/** Nobody visits a flat that has left the agency: its open requests and visits are cancelled. */
@CommandHandler(CancelUnitInspectionsCommand)
export class CancelUnitInspectionsHandler implements ICommandHandler<CancelUnitInspectionsCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ unitId, reason }: CancelUnitInspectionsCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      for (const inspection of await this.inspections.findOpen(manager, { unitId }, { forUpdate: true })) {
        inspection.cancel(reason);
        await this.inspections.save(manager, inspection, (version) => [
          newEvent(InspectionCancelled, {
            aggregateId: inspection.id,
            aggregateVersion: version,
            actor: SYSTEM_ACTOR,
            payload: { ...toInspectionEventRef(inspection), reason },
          }),
        ]);
        await this.inspections.recordHistory(manager, inspection, 'cancelled', SYSTEM_ACTOR, { note: reason });
      }
    });
  }
}
