import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HOUSEHOLD_ROLES } from '../../household-access';
import { RecordNeedsDto } from './record-needs.dto';
import { RecordNeedsCommand } from './record-needs.handler';

@ApiTags('needs')
@ApiProblemResponses()
@Controller('households/:householdId/needs')
export class RecordNeedsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put()
  @Roles(...HOUSEHOLD_ROLES)
  @ApiOkResponse({ description: 'The household with its needs; ApplicantNeedsChanged is published for a waitlisted household whose matching attributes changed' })
  record(@Param('householdId', ParseUUIDPipe) id: string, @Body() input: RecordNeedsDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordNeedsCommand(id, input, actor));
  }
}
