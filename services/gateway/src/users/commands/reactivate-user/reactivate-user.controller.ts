import { ApiProblemResponses } from '@hearth/platform';
import { Roles } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserStatusChangeDto } from '../deactivate-user/user-status-change.dto';
import { ReactivateUserCommand } from './reactivate-user.handler';

@ApiTags('users')
@ApiProblemResponses()
@Controller('users/:userId')
@Roles('sra_admin')
export class ReactivateUserController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('reactivate')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The user can sign in again (a deactivated account reopened, a locked one unlocked)' })
  @ApiConflictResponse({ description: 'USER.INVALID_TRANSITION' })
  reactivate(@Param('userId', ParseUUIDPipe) userId: string, @Body() body: UserStatusChangeDto) {
    return this.commandBus.execute(new ReactivateUserCommand(userId, body.expectedVersion));
  }
}
