import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { AssignCaseworkerDto } from './assign-caseworker.dto';
import { AssignCaseworkerCommand } from './assign-caseworker.handler';

@ApiTags('caseworkers')
@ApiProblemResponses()
@Controller('households/:householdId/caseworker')
export class AssignCaseworkerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put()
  @Roles(...STAFF_ROLES)
  @ApiConflictResponse({ description: 'CASEWORKER.CASELOAD_FULL or HOUSEHOLD.CLOSED' })
  assign(@Param('householdId', ParseUUIDPipe) id: string, @Body() input: AssignCaseworkerDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AssignCaseworkerCommand(id, input, actor));
  }
}
