import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ReferenceParam } from '../../reference.pipe';
import { RecordBoardDecisionDto } from './record-decision.dto';
import { RecordBoardDecisionCommand } from './record-decision.handler';

@ApiTags('board')
@ApiProblemResponses()
@Controller('board/households/:reference/decisions')
export class RecordBoardDecisionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('board_member')
  @ApiCreatedResponse({ description: 'The decision, recorded with the member and time, and the household’s new priority' })
  @ApiConflictResponse({ description: 'BOARD.NOT_ON_LIST, BOARD.ALREADY_URGENT or CONCURRENCY.STALE' })
  record(@Param('reference', ReferenceParam) reference: string, @Body() input: RecordBoardDecisionDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordBoardDecisionCommand(reference, input, actor));
  }
}
