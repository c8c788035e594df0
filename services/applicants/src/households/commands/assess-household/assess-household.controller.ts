import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { HOUSEHOLD_ROLES } from '../../household-access';
import { AssessHouseholdDto } from './assess-household.dto';
import { AssessHouseholdCommand } from './assess-household.handler';

@ApiTags('assessments')
@ApiProblemResponses()
@Controller('households/:householdId/assessments')
export class AssessHouseholdController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...HOUSEHOLD_ROLES)
  @ApiCreatedResponse({ description: 'The household, assessed and scored under the priority policy in force' })
  @ApiConflictResponse({ description: 'CONSENT.REQUIRED (no consent to processing) or HOUSEHOLD.INVALID_TRANSITION' })
  assess(@Param('householdId', ParseUUIDPipe) id: string, @Body() input: AssessHouseholdDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AssessHouseholdCommand(id, input, actor));
  }
}
