import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses } from '@hearth/platform';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { OpenClaimDto } from './open-claim.dto';
import { OpenClaimCommand } from './open-claim.handler';

@ApiTags('guarantee claims')
@ApiProblemResponses()
@Controller('tenancies')
export class OpenClaimController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/claims')
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The claim opened (integer cents)' })
  @ApiNotFoundResponse({ description: 'No such tenancy' })
  @ApiConflictResponse({ description: 'CLAIM.NOT_COVERED, CLAIM.NOT_AT_EXIT, CLAIM.NOTHING_TO_CLAIM, CLAIM.NOT_VACANT or CLAIM.INVALID_PERIOD' })
  open(@Param('id', ParseUUIDPipe) id: string, @Body() input: OpenClaimDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new OpenClaimCommand(id, input, actor));
  }
}
