import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HOUSEHOLD_ROLES } from '../../household-access';
import { GiveConsentDto, WithdrawConsentDto } from './record-consent.dto';
import { RecordConsentCommand } from './record-consent.handler';

@ApiTags('consent')
@ApiProblemResponses()
@Controller('households/:householdId/consent')
@Roles(...HOUSEHOLD_ROLES)
export class RecordConsentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ description: 'Consent recorded; it supersedes the one in force' })
  @ApiConflictResponse({ description: 'HOUSEHOLD.CLOSED' })
  give(@Param('householdId', ParseUUIDPipe) id: string, @Body() input: GiveConsentDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordConsentCommand(id, { kind: 'give', input }, actor));
  }

  @Post('withdraw')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Consent withdrawn; an open household is paused and other services are told' })
  @ApiConflictResponse({ description: 'CONSENT.NONE_IN_FORCE or HOUSEHOLD.CLOSED' })
  withdraw(@Param('householdId', ParseUUIDPipe) id: string, @Body() input: WithdrawConsentDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordConsentCommand(id, { kind: 'withdraw', input }, actor));
  }
}
