import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { RescheduleInspectionDto, ScheduleInspectionDto } from './schedule-inspection.dto';
import { ScheduleInspectionCommand } from './schedule-inspection.handler';

@ApiTags('inspections')
@ApiConflictResponse({ description: 'INSPECTION.ALREADY_SCHEDULED, INSPECTION.NOT_SCHEDULED, INSPECTION.ALREADY_COMPLETED, INSPECTION.CANCELLED or CONCURRENCY.STALE' })
@ApiProblemResponses()
@Controller('inspections/:inspectionId')
@Roles(...STAFF_ROLES)
export class ScheduleInspectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('schedule')
  @HttpCode(200)
  schedule(@Param('inspectionId', ParseUUIDPipe) inspectionId: string, @Body() body: ScheduleInspectionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(
      new ScheduleInspectionCommand(inspectionId, { kind: 'schedule', inspectorId: body.inspectorId, scheduledAt: body.scheduledAt }, actor, body.expectedVersion),
    );
  }

  @Post('reschedule')
  @HttpCode(200)
  reschedule(@Param('inspectionId', ParseUUIDPipe) inspectionId: string, @Body() body: RescheduleInspectionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(
      new ScheduleInspectionCommand(inspectionId, { kind: 'reschedule', inspectorId: body.inspectorId, scheduledAt: body.scheduledAt }, actor, body.expectedVersion),
    );
  }
}
