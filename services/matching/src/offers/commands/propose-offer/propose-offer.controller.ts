import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProposeOfferDto } from './propose-offer.dto';
import { ProposeOfferCommand } from './propose-offer.handler';

@ApiTags('offers')
@ApiProblemResponses()
@Controller('offers')
export class ProposeOfferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Propose a unit to a household',
    description:
      'One live (proposed or offered) offer per unit and per household: of two simultaneous proposals for one unit exactly one wins. ' +
      'Proposing a household that is not first on the unit’s shortlist requires a justification.',
  })
  @ApiCreatedResponse({ description: 'The offer, proposed; make it to start the household’s response deadline' })
  @ApiConflictResponse({
    description: 'OFFER.UNIT_HAS_LIVE_OFFER, OFFER.HOUSEHOLD_HAS_LIVE_OFFER, OFFER.UNIT_NOT_AVAILABLE, OFFER.HOUSEHOLD_NOT_WAITLISTED or OFFER.NOT_ELIGIBLE (with the reasons)',
  })
  propose(@Body() input: ProposeOfferDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new ProposeOfferCommand(input, actor));
  }
}
