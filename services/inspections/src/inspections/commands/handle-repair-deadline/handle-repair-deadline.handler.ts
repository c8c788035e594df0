import { RepairDeadlineMissed, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { In, IsNull } from 'typeorm';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { Deficiency } from '../../domain/deficiency.entity';
import { Inspection } from '../../domain/inspection.entity';
import { Severity } from '../../domain/repair-deadlines';
import { InspectionRepository } from '../../inspection.repository';
import { toInspectionEventRef } from '../../inspection.view';

/** What the deadline came to: nothing to do (`gone`, `not_completed`, `already_handled`, `cleared`,
 *  `unit_withdrawn`) or a missed deadline with a re-inspection requested. */
export type RepairDeadlineResult = 'gone' | 'not_completed' | 'already_handled' | 'cleared' | 'unit_withdrawn' | 'missed';

export class HandleRepairDeadlineCommand extends Command<RepairDeadlineResult> {
  constructor(
    readonly inspectionId: string,
    readonly severity: Severity,
  ) {
    super();
  }
}

/**
 * At the repair deadline of an inspection's deficiencies of one severity: if a passed inspection
 * has cleared them since, nothing; otherwise a re-inspection is requested (unless one is already
 * requested or scheduled) and RepairDeadlineMissed is published. Each deficiency's deadline is
 * handled once: a repeated or duplicated job finds nothing left to do.
 */
@CommandHandler(HandleRepairDeadlineCommand)
export class HandleRepairDeadlineHandler implements ICommandHandler<HandleRepairDeadlineCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ inspectionId, severity }: HandleRepairDeadlineCommand): Promise<RepairDeadlineResult> {
    return this.unitOfWork.run(async (manager) => {
      const inspection = await manager.findOne(Inspection, { where: { id: inspectionId }, lock: { mode: 'pessimistic_write' } });
      if (!inspection) return 'gone';
      // The lock waited for a completion still in flight; a completion that rolled back leaves none.
      if (inspection.status !== 'completed') return 'not_completed';
      const pending = await manager.find(Deficiency, {
        where: { inspectionId, severity, deadlineHandledAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (pending.length === 0) return 'already_handled';
      const now = new Date();
      await manager.update(Deficiency, { id: In(pending.map((d) => d.id)) }, { deadlineHandledAt: now });
      const open = pending.filter((deficiency) => deficiency.resolution === null);
      if (open.length === 0) return 'cleared';
      const unit = await manager.findOneBy(KnownUnit, { id: inspection.unitId });
      if (unit?.withdrawn) return 'unit_withdrawn';

      await manager.update(Deficiency, { id: In(open.map((d) => d.id)) }, { deadlineMissed: true });
      const [alreadyOpen] = await this.inspections.findOpen(manager, { reinspectionOf: inspection.id });
      const reinspection =
        alreadyOpen ??
        (await this.inspections.open(
          manager,
          { unit: { id: inspection.unitId, landlordId: inspection.landlordId }, type: inspection.type, reinspectionOf: inspection.id, trigger: 'repair_deadline_missed' },
          SYSTEM_ACTOR,
        ));
      const deadlineAt = new Date(Math.min(...open.map((d) => d.deadlineAt.getTime())));
      await this.inspections.save(manager, inspection, (version) => [
        newEvent(RepairDeadlineMissed, {
          aggregateId: inspection.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: {
            ...toInspectionEventRef(inspection),
            severity,
            deadlineAt: deadlineAt.toISOString(),
            openDeficiencies: open.length,
            reinspectionId: reinspection.id,
          },
        }),
      ]);
      await this.inspections.recordHistory(manager, inspection, 'repair_deadline_missed', SYSTEM_ACTOR, {
        note: `${open.length} ${severity.replace('_', '-')} deficienc${open.length === 1 ? 'y' : 'ies'} not repaired by ${deadlineAt.toISOString()}`,
      });
      return 'missed';
    });
  }
}
