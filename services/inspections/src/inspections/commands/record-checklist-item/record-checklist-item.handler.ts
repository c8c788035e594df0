import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, In } from 'typeorm';
import { checklistVersion, findChecklistItem } from '../../domain/checklist';
import { ChecklistResult } from '../../domain/checklist-result.entity';
import { Photo } from '../../domain/photo.entity';
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
 *  the previous answer. Only while the inspection is scheduled. Its photos must have been uploaded
 *  for the same inspection. */
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
      await assertPhotosOf(manager, inspectionId, input.photos);
      const result = manager.create(ChecklistResult, {
        inspectionId,
        itemCode,
        areaCode: found.area.code,
        result: input.result,
        severity: input.result === 'fail' ? input.severity! : null,
        note: input.note ?? null,
        photos: [...new Set(input.photos)],
        recordedAt: new Date(),
        recordedBy: actor.id,
      });
      await manager.upsert(ChecklistResult, result, ['inspectionId', 'itemCode']);
      return toChecklistResultView(result);
    });
  }
}

/** Every photo named must be one uploaded for this inspection; any other is refused by its place in the list. */
async function assertPhotosOf(manager: EntityManager, inspectionId: string, photos: string[]): Promise<void> {
  if (photos.length === 0) return;
  const known = await manager.find(Photo, { select: { id: true }, where: { inspectionId, id: In(photos) } });
  const ids = new Set(known.map((photo) => photo.id));
  const unknown = photos.flatMap((id, index) => (ids.has(id) ? [] : [{ field: `photos.${index}`, message: 'is not a photo uploaded for this inspection' }]));
  if (unknown.length > 0) throw new ValidationError(unknown);
}
