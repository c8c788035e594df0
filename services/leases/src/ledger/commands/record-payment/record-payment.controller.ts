import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RecordPaymentDto } from './record-payment.dto';
import { RecordPaymentCommand } from './record-payment.handler';

@ApiTags('ledger')
@ApiProblemResponses()
@Controller('tenancies')
export class RecordPaymentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/payments')
  @Roles(...STAFF_ROLES)
  @ApiCreatedResponse({ description: 'The payment and the balance after it (integer cents)' })
  @ApiConflictResponse({ description: 'LEDGER.NOT_CHARGEABLE: the tenancy has not started' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() input: RecordPaymentDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordPaymentCommand(id, input, actor));
  }
}
