import { Actor } from '@hearth/auth';
import { InspectionCompleted } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { checklistVersion } from '../../domain/checklist';
import { ChecklistResult } from '../../domain/checklist-result.entity';
import { Deficiency } from '../../domain/deficiency.entity';
import { Inspection } from '../../domain/inspection.entity';
import { assessChecklist, earlierDeficiencies } from '../../domain/outcome';
import { ChecklistIncompleteError } from '../../inspection.errors';
import { InspectionRepository } from '../../inspection.repository';
import { InspectionView, toInspectionEventRef, toInspectionView } from '../../inspection.view';
import { RepairDeadlineScheduler } from '../../jobs/repair-deadline.scheduler';

export class CompleteInspectionCommand extends Command<InspectionView> {
  constructor(
    readonly inspectionId: string,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/**
 * Completes a visit once every checklist item is answered: passed when nothing failed, otherwise
 * failed with one deficiency per failed item and a repair deadline by severity; photos no answer
 * names are removed. The deadline jobs
 * are queued last, while the inspection row is still locked, so a job can only see the committed
 * result (or nothing, if the transaction rolls back).
 */
@CommandHandler(CompleteInspectionCommand)
export class CompleteInspectionHandler implements ICommandHandler<CompleteInspectionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
    private readonly deadlines: RepairDeadlineScheduler,
  ) {}

  execute({ inspectionId, actor, expectedVersion }: CompleteInspectionCommand): Promise<InspectionView> {
    return this.unitOfWork.run(async (manager) => {
      const inspection = await this.inspections.getForUpdate(manager, inspectionId, actor);
      assertExpectedVersion('Inspection', inspection, expectedVersion);
      inspection.assertCan('complete');
      const results = await manager.findBy(ChecklistResult, { inspectionId });
      const assessment = assessChecklist(checklistVersion(inspection.checklistVersion), results);
      if (!assessment.complete) throw new ChecklistIncompleteError(assessment.missing);

      const now = new Date();
      inspection.complete(assessment.outcome, now);
      const deadlines = this.deadlines.deadlinesFor(
        assessment.failures.map((failure) => failure.severity),
        now,
      );
      const deadlineOf = new Map(deadlines.map((d) => [d.severity, d.deadlineAt]));
      const deficiencies = assessment.failures.map((failure) =>
        manager.create(Deficiency, {
          id: randomUUID(),
          inspectionId,
          unitId: inspection.unitId,
          landlordId: inspection.landlordId,
          itemCode: failure.itemCode,
          areaCode: failure.areaCode,
          severity: failure.severity,
          note: failure.note ?? '',
          photos: failure.photos,
          foundAt: now,
          deadlineAt: deadlineOf.get(failure.severity)!,
          deadlineHandledAt: null,
          deadlineMissed: false,
          resolution: null,
          resolvedAt: null,
          resolvedByInspectionId: null,
        }),
      );
      if (deficiencies.length > 0) await manager.insert(Deficiency, deficiencies);
      await this.resolveEarlierDeficiencies(manager, inspection, now);
      await this.removePhotosNoAnswerNames(manager, inspectionId);

      await this.inspections.save(manager, inspection, (version) => [
        newEvent(InspectionCompleted, {
          aggregateId: inspection.id,
          aggregateVersion: version,
          actor,
          payload: {
            ...toInspectionEventRef(inspection),
            outcome: assessment.outcome,
            reinspectionOf: inspection.reinspectionOf,
            checklistVersion: inspection.checklistVersion,
            completedAt: now.toISOString(),
            deficiencies: assessment.summary,
          },
        }),
      ]);
      await this.inspections.recordHistory(manager, inspection, 'completed', actor, { note: assessment.outcome });
      // After the commit, never holding the inspection's lock on Redis; the sweep catches it up.
      this.unitOfWork.afterCommit(() => this.deadlines.schedule(inspection.id, deadlines));
      return toInspectionView(inspection, await manager.findOneBy(KnownUnit, { id: inspection.unitId }));
    });
  }

  /** Photos taken during the visit but left out of every answer (retaken, removed before saving) serve no one once it is complete (decision 0019). */
  private async removePhotosNoAnswerNames(manager: EntityManager, inspectionId: string): Promise<void> {
    await manager.query(
      `DELETE FROM photos WHERE inspection_id = $1
          AND NOT EXISTS (SELECT 1 FROM checklist_results WHERE inspection_id = $1 AND photos.id::text = ANY(checklist_results.photos))`,
      [inspectionId],
    );
  }

  private async resolveEarlierDeficiencies(manager: EntityManager, inspection: Inspection, now: Date): Promise<void> {
    const effect = earlierDeficiencies({ outcome: inspection.outcome!, reinspectionOf: inspection.reinspectionOf });
    if (!effect) return;
    const where =
      effect.of === 'the_unit'
        ? { unitId: inspection.unitId, resolution: IsNull() }
        : { inspectionId: effect.inspectionId, resolution: IsNull() };
    await manager.update(Deficiency, where, { resolution: effect.resolution, resolvedAt: now, resolvedByInspectionId: inspection.id });
  }
}
