import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checklistVersion, findChecklistItem } from '../../domain/checklist';
import { ChecklistResult } from '../../domain/checklist-result.entity';
import { ChecklistItemNotFoundError } from '../../inspection.errors';
import { InspectionRepository } from '../../inspection.repository';
import { ChecklistResultView, toChecklistResultView } from '../../inspection.view';
import { RecordChecklistItemDto } from './record-checklist-item.dto';

export class RecordChecklistItemCommand extends Command<ChecklistResultView> {
  constructor(
    readonly inspectionId: string,
    readonly itemCode: string,
    readonly input: RecordChecklistItemDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Saves one checklist answer as the inspector walks through the flat; answering again replaces
 *  the previous answer. Only while the inspection is scheduled. */
@CommandHandler(RecordChecklistItemCommand)
export class RecordChecklistItemHandler implements ICommandHandler<RecordChecklistItemCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ inspectionId, itemCode, input, actor }: RecordChecklistItemCommand): Promise<ChecklistResultView> {
    return this.unitOfWork.run(async (manager) => {
      const inspection = await this.inspections.getForUpdate(manager, inspectionId, actor);
      const found = findChecklistItem(checklistVersion(inspection.checklistVersion), itemCode);
      if (!found) throw new ChecklistItemNotFoundError(itemCode, inspection.checklistVersion);
      inspection.assertCan('record_result');
      const result = manager.create(ChecklistResult, {
        inspectionId,
        itemCode,
        areaCode: found.area.code,
        result: input.result,
        severity: input.result === 'fail' ? input.severity! : null,
        note: input.note ?? null,
        photos: input.photos,
        recordedAt: new Date(),
        recordedBy: actor.id,
      });
      await manager.upsert(ChecklistResult, result, ['inspectionId', 'itemCode']);
      return toChecklistResultView(result);
    });
  }
}
