import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsNull } from 'typeorm';
import { Deficiency } from '../../domain/deficiency.entity';
import { InspectionAlreadyOpenError, NothingToReinspectError } from '../../inspection.errors';
import { InspectionRepository } from '../../inspection.repository';
import { InspectionView, toInspectionView } from '../../inspection.view';
import { RequestReinspectionDto } from './request-reinspection.dto';

export class RequestReinspectionCommand extends Command<InspectionView> {
  constructor(
    readonly inspectionId: string,
    readonly input: RequestReinspectionDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff order a re-inspection before the deadline (the landlord reports the repairs done). A
 *  passed re-inspection clears the deficiencies; the deadline job then has nothing to do. */
@CommandHandler(RequestReinspectionCommand)
export class RequestReinspectionHandler implements ICommandHandler<RequestReinspectionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ inspectionId, input, actor }: RequestReinspectionCommand): Promise<InspectionView> {
    return this.unitOfWork.run(async (manager) => {
      const original = await this.inspections.getForUpdate(manager, inspectionId, actor);
      const openDeficiencies = await manager.countBy(Deficiency, { inspectionId, resolution: IsNull() });
      if (original.outcome !== 'failed' || openDeficiencies === 0) throw new NothingToReinspectError(inspectionId);
      const [open] = await this.inspections.findOpen(manager, { reinspectionOf: original.id });
      if (open) throw new InspectionAlreadyOpenError(open.id, 'A re-inspection of this inspection');
      const unit = await this.inspections.unitForRequest(manager, original.unitId);
      const reinspection = await this.inspections.open(
        manager,
        { unit, type: original.type, reinspectionOf: original.id, trigger: 'staff', note: input.note },
        actor,
      );
      return toInspectionView(reinspection, unit);
    });
  }
}
