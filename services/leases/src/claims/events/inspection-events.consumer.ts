import { InspectionCompleted } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ProposeDamageClaimCommand } from '../commands/propose-damage-claim/propose-damage-claim.handler';

/** hearth.inspections → completed move-in and move-out inspections; a move-out worse than the move-in proposes a damage claim. */
@Injectable()
export class InspectionEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [
    on(InspectionCompleted, async ({ payload }) => {
      if (payload.inspectionType !== 'move_in' && payload.inspectionType !== 'move_out') return;
      await this.commandBus.execute(
        new ProposeDamageClaimCommand({
          inspectionId: payload.inspectionId,
          unitId: payload.unitId,
          inspectionType: payload.inspectionType,
          completedAt: payload.completedAt,
          deficiencies: payload.deficiencies.bySeverity,
        }),
      );
    }),
  ];
}
