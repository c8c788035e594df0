import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses } from '@hearth/platform';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AgreeRecoveryDto } from './agree-recovery/agree-recovery.dto';
import { AgreeRecoveryCommand } from './agree-recovery/agree-recovery.handler';
import { DecideClaimDto } from './decide-claim/decide-claim.dto';
import { DecideClaimCommand } from './decide-claim/decide-claim.handler';
import { PayClaimDto } from './pay-claim/pay-claim.dto';
import { PayClaimCommand } from './pay-claim/pay-claim.handler';
import { SubmitClaimCommand } from './submit-claim/submit-claim.handler';

/** The claim workflow, staff only: opened → submitted → approved / partly approved / rejected → paid to the owner → recovery. */
@ApiTags('guarantee claims')
@ApiProblemResponses()
@Controller('claims')
export class ClaimWorkflowController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/submit')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The claim, submitted' })
  @ApiNotFoundResponse({ description: 'No such claim' })
  @ApiConflictResponse({ description: 'CLAIM.INVALID_TRANSITION' })
  submit(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new SubmitClaimCommand(id, actor));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The claim, decided' })
  @ApiNotFoundResponse({ description: 'No such claim' })
  @ApiConflictResponse({ description: 'CLAIM.INVALID_TRANSITION' })
  decide(@Param('id', ParseUUIDPipe) id: string, @Body() input: DecideClaimDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new DecideClaimCommand(id, input, actor));
  }

  @Post(':id/payment')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The claim, paid to the owner' })
  @ApiNotFoundResponse({ description: 'No such claim' })
  @ApiConflictResponse({ description: 'CLAIM.INVALID_TRANSITION' })
  pay(@Param('id', ParseUUIDPipe) id: string, @Body() input: PayClaimDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new PayClaimCommand(id, input, actor));
  }

  @Post(':id/recovery')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The claim with its recovery plan' })
  @ApiNotFoundResponse({ description: 'No such claim' })
  @ApiConflictResponse({ description: 'CLAIM.INVALID_TRANSITION, CLAIM.NOT_RECOVERABLE, CLAIM.NOTHING_TO_RECOVER or PAYMENT_PLAN.ALREADY_ACTIVE' })
  recover(@Param('id', ParseUUIDPipe) id: string, @Body() input: AgreeRecoveryDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AgreeRecoveryCommand(id, input, actor));
  }
}
