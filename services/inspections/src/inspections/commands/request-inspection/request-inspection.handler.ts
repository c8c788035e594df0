import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { withArticle } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsNull } from 'typeorm';
import { InspectionAlreadyOpenError } from '../../inspection.errors';
import { InspectionRepository } from '../../inspection.repository';
import { InspectionView, toInspectionView } from '../../inspection.view';
import { RequestInspectionDto } from './request-inspection.dto';

export class RequestInspectionCommand extends Command<InspectionView> {
  constructor(
    readonly input: RequestInspectionDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff ask for an inspection of a known unit: periodic, move-in, move-out, complaint, or an
 *  initial one to replace a cancelled request. One open request of a type per unit at a time. */
@CommandHandler(RequestInspectionCommand)
export class RequestInspectionHandler implements ICommandHandler<RequestInspectionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ input, actor }: RequestInspectionCommand): Promise<InspectionView> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.inspections.unitForRequest(manager, input.unitId);
      const [open] = await this.inspections.findOpen(manager, { unitId: unit.id, type: input.type, reinspectionOf: IsNull() });
      if (open) throw new InspectionAlreadyOpenError(open.id, `${withArticle(input.type.replace('_', '-'))} inspection of this unit`);
      const inspection = await this.inspections.open(manager, { unit, type: input.type, trigger: 'staff', note: input.note }, actor);
      return toInspectionView(inspection, unit);
    });
  }
}
