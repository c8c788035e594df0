import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ExitHouseholdDto, HouseholdStatusChangeDto, PauseHouseholdDto, WithdrawHouseholdDto } from './transition-household.dto';
import { TransitionHouseholdCommand } from './transition-household.handler';

@ApiTags('households')
@ApiConflictResponse({ description: 'HOUSEHOLD.INVALID_TRANSITION, CONSENT.REQUIRED, HOUSEHOLD.NEEDS_INCOMPLETE, CONCURRENCY.STALE' })
@ApiProblemResponses()
@Controller('households/:householdId')
@Roles(...STAFF_ROLES)
export class TransitionHouseholdController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('waitlist')
  @HttpCode(200)
  @ApiOkResponse({ description: 'On the waitlist, scored under the policy in force; ApplicantWaitlisted carries the matching attributes' })
  waitlist(@Param('householdId', ParseUUIDPipe) id: string, @Body() body: HouseholdStatusChangeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionHouseholdCommand(id, 'waitlist', body, actor));
  }

  @Post('pause')
  @HttpCode(200)
  pause(@Param('householdId', ParseUUIDPipe) id: string, @Body() body: PauseHouseholdDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionHouseholdCommand(id, 'pause', body, actor));
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Back where it was paused from (a paused offer returns to the waitlist)' })
  resume(@Param('householdId', ParseUUIDPipe) id: string, @Body() body: HouseholdStatusChangeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionHouseholdCommand(id, 'resume', body, actor));
  }

  @Post('withdraw')
  @HttpCode(200)
  withdraw(@Param('householdId', ParseUUIDPipe) id: string, @Body() body: WithdrawHouseholdDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionHouseholdCommand(id, 'withdraw', body, actor));
  }

  @Post('exit')
  @HttpCode(200)
  exit(@Param('householdId', ParseUUIDPipe) id: string, @Body() body: ExitHouseholdDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionHouseholdCommand(id, 'exit', body, actor));
  }
}
