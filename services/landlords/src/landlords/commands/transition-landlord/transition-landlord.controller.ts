import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LandlordStatusChangeDto, SuspendLandlordDto } from './transition-landlord.dto';
import { TransitionLandlordCommand } from './transition-landlord.handler';

@ApiTags('landlords')
@ApiConflictResponse({ description: 'The landlord is not in a state that allows this (code LANDLORD.INVALID_TRANSITION)' })
@ApiProblemResponses()
@Controller('landlords/:landlordId')
@Roles(...STAFF_ROLES)
export class TransitionLandlordController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The landlord is active: flats can be listed for them' })
  verify(@Param('landlordId', ParseUUIDPipe) id: string, @Body() body: LandlordStatusChangeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionLandlordCommand(id, 'verify', actor, null, body.expectedVersion));
  }

  @Post('suspend')
  @HttpCode(200)
  suspend(@Param('landlordId', ParseUUIDPipe) id: string, @Body() body: SuspendLandlordDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionLandlordCommand(id, 'suspend', actor, body.reason, body.expectedVersion));
  }

  @Post('reactivate')
  @HttpCode(200)
  reactivate(@Param('landlordId', ParseUUIDPipe) id: string, @Body() body: LandlordStatusChangeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionLandlordCommand(id, 'reactivate', actor, null, body.expectedVersion));
  }

  @Post('offboard')
  @HttpCode(200)
  offboard(@Param('landlordId', ParseUUIDPipe) id: string, @Body() body: LandlordStatusChangeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new TransitionLandlordCommand(id, 'offboard', actor, body.reason ?? null, body.expectedVersion));
  }
}
