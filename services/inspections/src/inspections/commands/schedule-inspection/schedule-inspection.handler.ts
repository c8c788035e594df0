import { Actor } from '@hearth/auth';
import { InspectionScheduled } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownUnit } from '../../../unit-directory/known-unit.entity';
import { InspectionRepository } from '../../inspection.repository';
import { InspectionView, toInspectionEventRef, toInspectionView } from '../../inspection.view';

export type Appointment =
  | { kind: 'schedule'; inspectorId: string; scheduledAt: string }
  | { kind: 'reschedule'; inspectorId?: string; scheduledAt?: string };

export class ScheduleInspectionCommand extends Command<InspectionView> {
  constructor(
    readonly inspectionId: string,
    readonly appointment: Appointment,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** Staff assign an inspector and a time to a request, or move an appointment. */
@CommandHandler(ScheduleInspectionCommand)
export class ScheduleInspectionHandler implements ICommandHandler<ScheduleInspectionCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ inspectionId, appointment, actor, expectedVersion }: ScheduleInspectionCommand): Promise<InspectionView> {
    return this.unitOfWork.run(async (manager) => {
      const inspection = await this.inspections.getForUpdate(manager, inspectionId, actor);
      assertExpectedVersion('Inspection', inspection, expectedVersion);
      const at = appointment.scheduledAt === undefined ? undefined : new Date(appointment.scheduledAt);
      if (appointment.kind === 'schedule') inspection.schedule(appointment.inspectorId, at!);
      else inspection.reschedule({ inspectorId: appointment.inspectorId, scheduledAt: at });
      const rescheduled = appointment.kind === 'reschedule';
      await this.inspections.save(manager, inspection, (version) => [
        newEvent(InspectionScheduled, {
          aggregateId: inspection.id,
          aggregateVersion: version,
          actor,
          payload: {
            ...toInspectionEventRef(inspection),
            inspectorId: inspection.inspectorId!,
            scheduledAt: inspection.scheduledAt!.toISOString(),
            rescheduled,
          },
        }),
      ]);
      await this.inspections.recordHistory(manager, inspection, rescheduled ? 'rescheduled' : 'scheduled', actor, {
        inspectorId: inspection.inspectorId,
        scheduledAt: inspection.scheduledAt,
      });
      return toInspectionView(inspection, await manager.findOneBy(KnownUnit, { id: inspection.unitId }));
    });
  }
}
