import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RecordOwnerPaymentDto } from './record-owner-payment.dto';
import { RecordOwnerPaymentCommand } from './record-owner-payment.handler';

@ApiTags('head leases')
@ApiProblemResponses()
@Controller('head-leases')
export class RecordOwnerPaymentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/owner-payments')
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The month: due, paid and still owed (integer cents)' })
  @ApiConflictResponse({ description: 'HEAD_LEASE.MONTH_NOT_DUE or HEAD_LEASE.OVERPAYMENT' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() input: RecordOwnerPaymentDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordOwnerPaymentCommand(id, input, actor));
  }
}
