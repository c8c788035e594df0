import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { SubmitUnitDto, WithdrawUnitDto } from './transition-unit.dto';
import { TransitionUnitCommand } from './transition-unit.handler';

@ApiTags('units')
@ApiConflictResponse({ description: 'UNIT.INVALID_TRANSITION, UNIT.LANDLORD_NOT_ACTIVE or UNIT.NO_SIGNED_AGREEMENT' })
@ApiProblemResponses()
@Controller('units/:unitId')
@Roles(...STAFF_ROLES, 'landlord')
export class TransitionUnitController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('submit')
  @HttpCode(200)
  submit(@Param('unitId', ParseUUIDPipe) unitId: string, @Body() body: SubmitUnitDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionUnitCommand(unitId, { kind: 'submit' }, actor, body.expectedVersion));
  }

  @Post('withdraw')
  @HttpCode(200)
  withdraw(@Param('unitId', ParseUUIDPipe) unitId: string, @Body() body: WithdrawUnitDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionUnitCommand(unitId, { kind: 'withdraw', reason: body.reason }, actor, body.expectedVersion));
  }
}
