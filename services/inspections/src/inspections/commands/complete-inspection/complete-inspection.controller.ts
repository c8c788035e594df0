import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CompleteInspectionDto } from './complete-inspection.dto';
import { CompleteInspectionCommand } from './complete-inspection.handler';

@ApiTags('inspections')
@ApiProblemResponses()
@Controller('inspections/:inspectionId/complete')
export class CompleteInspectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'inspector')
  @ApiOkResponse({ description: 'The completed inspection, passed when no item failed' })
  @ApiConflictResponse({
    description: 'INSPECTION.CHECKLIST_INCOMPLETE (missingItems listed), INSPECTION.NOT_SCHEDULED, INSPECTION.ALREADY_COMPLETED, INSPECTION.CANCELLED or CONCURRENCY.STALE',
  })
  complete(@Param('inspectionId', ParseUUIDPipe) inspectionId: string, @Body() body: CompleteInspectionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new CompleteInspectionCommand(inspectionId, actor, body.expectedVersion));
  }
}
