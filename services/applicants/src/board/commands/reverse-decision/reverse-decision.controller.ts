import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReverseBoardDecisionDto } from './reverse-decision.dto';
import { ReverseBoardDecisionCommand } from './reverse-decision.handler';

@ApiTags('board')
@ApiProblemResponses()
@Controller('board/decisions/:decisionId/reversal')
export class ReverseBoardDecisionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('board_member')
  @ApiOkResponse({ description: 'The decision, marked reversed, and the household’s new priority' })
  @ApiConflictResponse({ description: 'BOARD.ALREADY_REVERSED or HOUSEHOLD.CLOSED' })
  reverse(@Param('decisionId', ParseUUIDPipe) decisionId: string, @Body() input: ReverseBoardDecisionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new ReverseBoardDecisionCommand(decisionId, input.justification, actor));
  }
}
