import { InspectionCompleted } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyInspectionOutcomeCommand } from '../commands/apply-inspection-outcome/apply-inspection-outcome.handler';

/** hearth.inspections → a flat's availability: passed inspections release it, serious
 *  deficiencies suspend it. */
@Injectable()
export class InspectionEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [
    on(InspectionCompleted, ({ payload }) =>
      this.commandBus.execute(
        new ApplyInspectionOutcomeCommand({
          inspectionId: payload.inspectionId,
          unitId: payload.unitId,
          inspectionType: payload.inspectionType,
          outcome: payload.outcome,
          mostSevere: payload.deficiencies.mostSevere,
        }),
      ),
    ),
  ];
}
