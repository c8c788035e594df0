import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CompleteLandlordDetailsDto } from './complete-landlord-details.dto';
import { CompleteLandlordDetailsCommand } from './complete-landlord-details.handler';

@ApiTags('landlords')
@ApiProblemResponses()
@Controller('landlords/:landlordId/details')
export class CompleteLandlordDetailsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put()
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiOkResponse({ description: 'The prospect’s details, ready for staff to verify' })
  @ApiConflictResponse({ description: 'LANDLORD.INVALID_TRANSITION: the landlord is no longer a prospect' })
  complete(@Param('landlordId', ParseUUIDPipe) landlordId: string, @Body() input: CompleteLandlordDetailsDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new CompleteLandlordDetailsCommand(landlordId, input, actor));
  }
}
