import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MakeOfferDto } from './make-offer.dto';
import { MakeOfferCommand } from './make-offer.handler';

@ApiTags('offers')
@ApiProblemResponses()
@Controller('offers/:offerId')
export class MakeOfferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('make')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Make a proposed offer to the household', description: 'Starts the response deadline (OFFER_RESPONSE_MS, 5 days by default); an unanswered offer expires at it.' })
  @ApiOkResponse({ description: 'The offer, offered, with its responseDeadline' })
  @ApiConflictResponse({ description: 'OFFER.INVALID_TRANSITION (not proposed) or CONCURRENCY.STALE' })
  make(@Param('offerId', ParseUUIDPipe) offerId: string, @Body() body: MakeOfferDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new MakeOfferCommand(offerId, actor, body.expectedVersion));
  }
}
