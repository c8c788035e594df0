import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EraseHouseholdDto } from './erase-household.dto';
import { EraseHouseholdCommand } from './erase-household.handler';

@ApiTags('privacy')
@ApiProblemResponses()
@Controller('households/:householdId/erasure')
export class EraseHouseholdController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'Personal data erased; the household is exited and ApplicantErased tells other services to drop it' })
  @ApiConflictResponse({ description: 'HOUSEHOLD.INVALID_TRANSITION while an offer or tenancy depends on it' })
  erase(@Param('householdId', ParseUUIDPipe) id: string, @Body() input: EraseHouseholdDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new EraseHouseholdCommand(id, input, actor));
  }
}
