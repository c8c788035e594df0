import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptOfferDto, DeclineOfferDto } from './answer-offer.dto';
import { AnswerOfferCommand } from './answer-offer.handler';

/** Staff, and the household's own caseworker, record a household's answer (another caseworker
 *  gets 404). */
@ApiTags('offers')
@ApiConflictResponse({ description: 'OFFER.INVALID_TRANSITION (not offered), OFFER.DEADLINE_PASSED or CONCURRENCY.STALE' })
@ApiProblemResponses()
@Controller('offers/:offerId')
@Roles(...STAFF_ROLES, 'caseworker')
export class AnswerOfferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the household accepts the offer', description: 'The unit is to be reserved for the household (OfferAccepted).' })
  @ApiOkResponse({ description: 'The offer, accepted' })
  accept(@Param('offerId', ParseUUIDPipe) offerId: string, @Body() body: AcceptOfferDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AnswerOfferCommand(offerId, { kind: 'accept' }, actor, body.expectedVersion));
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the offer is declined, with a reason',
    description:
      'Declining never lowers a household’s priority and never takes it off the waitlist: the household stays a candidate for every other unit. ' +
      'household.* reasons record the household’s answer; provider.* reasons (staff only) record that the agency or the landlord could not go through with it. ' +
      'When AUTO_PROPOSE_NEXT is on, the unit is proposed to the next household on its recomputed shortlist (returned as nextOffer).',
  })
  @ApiOkResponse({ description: 'The offer, declined, and nextOffer (the automatic proposal, or null)' })
  @ApiForbiddenResponse({ description: 'OFFER.PROVIDER_REASON_STAFF_ONLY: a caseworker used a provider.* reason' })
  decline(@Param('offerId', ParseUUIDPipe) offerId: string, @Body() body: DeclineOfferDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AnswerOfferCommand(offerId, { kind: 'decline', reason: body.reason, note: body.note ?? null }, actor, body.expectedVersion));
  }
}
