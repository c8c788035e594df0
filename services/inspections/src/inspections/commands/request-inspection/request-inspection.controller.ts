import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RequestInspectionDto } from './request-inspection.dto';
import { RequestInspectionCommand } from './request-inspection.handler';

@ApiTags('inspections')
@ApiProblemResponses()
@Controller('inspections')
export class RequestInspectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The request, awaiting an inspector and a time' })
  @ApiConflictResponse({ description: 'INSPECTION.UNIT_UNKNOWN, INSPECTION.UNIT_WITHDRAWN or INSPECTION.ALREADY_OPEN' })
  request(@Body() input: RequestInspectionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RequestInspectionCommand(input, actor));
  }
}
