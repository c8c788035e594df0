import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RequestReinspectionDto } from './request-reinspection.dto';
import { RequestReinspectionCommand } from './request-reinspection.handler';

@ApiTags('inspections')
@ApiProblemResponses()
@Controller('inspections/:inspectionId/reinspection')
export class RequestReinspectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The re-inspection request (same type as the original, reinspectionOf set)' })
  @ApiConflictResponse({ description: 'INSPECTION.NOTHING_TO_REINSPECT, INSPECTION.ALREADY_OPEN or INSPECTION.UNIT_WITHDRAWN' })
  request(@Param('inspectionId', ParseUUIDPipe) inspectionId: string, @Body() input: RequestReinspectionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RequestReinspectionCommand(inspectionId, input, actor));
  }
}
