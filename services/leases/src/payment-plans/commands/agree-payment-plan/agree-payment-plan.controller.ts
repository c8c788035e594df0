import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AgreePaymentPlanDto } from './agree-payment-plan.dto';
import { AgreePaymentPlanCommand } from './agree-payment-plan.handler';

@ApiTags('payment plans')
@ApiProblemResponses()
@Controller('tenancies')
export class AgreePaymentPlanController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/payment-plans')
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The plan and its instalments (integer cents)' })
  @ApiConflictResponse({ description: 'PAYMENT_PLAN.ALREADY_ACTIVE, PAYMENT_PLAN.NOTHING_OWED or TENANCY.INVALID_DATES' })
  agree(@Param('id', ParseUUIDPipe) id: string, @Body() input: AgreePaymentPlanDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AgreePaymentPlanCommand(id, input, actor));
  }
}
