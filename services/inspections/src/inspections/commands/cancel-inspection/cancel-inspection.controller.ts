import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CancelInspectionDto } from './cancel-inspection.dto';
import { CancelInspectionCommand } from './cancel-inspection.handler';

@ApiTags('inspections')
@ApiProblemResponses()
@Controller('inspections/:inspectionId/cancel')
export class CancelInspectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiConflictResponse({ description: 'INSPECTION.ALREADY_COMPLETED, INSPECTION.CANCELLED or CONCURRENCY.STALE' })
  cancel(@Param('inspectionId', ParseUUIDPipe) inspectionId: string, @Body() body: CancelInspectionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new CancelInspectionCommand(inspectionId, body.reason, actor, body.expectedVersion));
  }
}
