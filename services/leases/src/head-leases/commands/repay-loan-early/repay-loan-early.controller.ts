import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses } from '@hearth/platform';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { RepayLoanEarlyDto } from './repay-loan-early.dto';
import { RepayLoanEarlyCommand } from './repay-loan-early.handler';

@ApiTags('head leases')
@ApiProblemResponses()
@Controller('head-leases')
export class RepayLoanEarlyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/loan/early-repayments')
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'What was repaid and what is left of the loan (integer cents)' })
  @ApiNotFoundResponse({ description: 'No such head lease' })
  @ApiConflictResponse({ description: 'LOAN.NONE or LOAN.OVERPAYMENT' })
  repay(@Param('id', ParseUUIDPipe) id: string, @Body() input: RepayLoanEarlyDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RepayLoanEarlyCommand(id, input, actor));
  }
}
