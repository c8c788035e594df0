import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WithdrawOfferDto } from './withdraw-offer.dto';
import { WithdrawOfferCommand } from './withdraw-offer.handler';

@ApiTags('offers')
@ApiProblemResponses()
@Controller('offers/:offerId')
export class WithdrawOfferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('withdraw')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Withdraw an offer', description: 'From proposed or offered, or from accepted when it fell through (the unit’s reservation is then to be released).' })
  @ApiOkResponse({ description: 'The offer, withdrawn' })
  @ApiConflictResponse({ description: 'OFFER.INVALID_TRANSITION (already declined, expired or withdrawn) or CONCURRENCY.STALE' })
  withdraw(@Param('offerId', ParseUUIDPipe) offerId: string, @Body() body: WithdrawOfferDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new WithdrawOfferCommand(offerId, body.reason, body.note ?? null, actor, body.expectedVersion));
  }
}
