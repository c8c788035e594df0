import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DeactivateUserCommand } from './deactivate-user.handler';
import { UserStatusChangeDto } from './user-status-change.dto';

@ApiTags('users')
@ApiProblemResponses()
@Controller('users/:userId')
@Roles('sra_admin')
export class DeactivateUserController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('deactivate')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The user can no longer sign in; every session ended' })
  @ApiConflictResponse({ description: 'USER.INVALID_TRANSITION, USER.CANNOT_DEACTIVATE_SELF' })
  deactivate(@Param('userId', ParseUUIDPipe) userId: string, @Body() body: UserStatusChangeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new DeactivateUserCommand(userId, actor, body.expectedVersion));
  }
}
