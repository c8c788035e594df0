import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AssignLineDto } from './assign-line.dto';
import { AssignLineCommand } from './assign-line.handler';

@ApiTags('bank statements')
@ApiProblemResponses()
@Controller('bank-statements')
export class AssignLineController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/lines/:lineNo/assign')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The line, assigned and booked' })
  @ApiConflictResponse({ description: 'STATEMENT.LINE_NOT_UNMATCHED or LEDGER.NOT_CHARGEABLE' })
  assign(@Param('id', ParseUUIDPipe) id: string, @Param('lineNo', ParseIntPipe) lineNo: number, @Body() input: AssignLineDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AssignLineCommand(id, lineNo, input, actor));
  }
}
