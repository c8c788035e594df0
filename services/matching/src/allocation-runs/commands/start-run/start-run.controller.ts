import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StartRunDto } from './start-run.dto';
import { StartRunCommand } from './start-run.handler';

@ApiTags('allocation-runs')
@ApiProblemResponses()
@Controller('allocation-runs')
export class StartRunController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(202)
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiOperation({
    summary: 'Start an allocation run over many units',
    description:
      'Solved by a background job (follow GET /allocation-runs/:id). Candidates are the waitlisted households without a proposed or open offer; ' +
      'units are the ones asked for (or every available one) without a live offer. Building and district caps (maxPerBuilding, maxPerDistrict) are engine constraints; the district limit is a soft limit, ' +
      'reported and flagged, not optimised. A unit pool where one building’s units name different districts fails the run (the engine refuses it). The full input, the result and (optimal) the certificate are kept as the run’s census.',
  })
  @ApiAcceptedResponse({ description: 'The run, queued' })
  @ApiConflictResponse({ description: 'RUN.UNITS_NOT_AVAILABLE: some units asked for are unknown, not available or under a live offer (listed)' })
  start(@Body() input: StartRunDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new StartRunCommand(input, actor));
  }
}
