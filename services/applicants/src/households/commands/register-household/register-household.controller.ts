import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { HOUSEHOLD_ROLES } from '../../household-access';
import { RegisterHouseholdDto } from './register-household.dto';
import { RegisterHouseholdCommand } from './register-household.handler';

@ApiTags('households')
@ApiProblemResponses()
@Controller('households')
export class RegisterHouseholdController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...HOUSEHOLD_ROLES)
  @ApiCreatedResponse({ description: 'The household, with its reference code (no personal data in the answer); a caseworker’s own registration joins their caseload if it has room' })
  @ApiConflictResponse({ description: 'HOUSEHOLD.POSSIBLE_DUPLICATE, naming the existing reference (existingReference)' })
  register(@Body() input: RegisterHouseholdDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RegisterHouseholdCommand(input, actor));
  }
}
