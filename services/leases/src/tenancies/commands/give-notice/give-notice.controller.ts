import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GiveNoticeDto } from './give-notice.dto';
import { GiveNoticeCommand } from './give-notice.handler';

@ApiTags('tenancies')
@ApiProblemResponses()
@Controller('tenancies')
export class GiveNoticeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/notice')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The tenancy, ending' })
  @ApiConflictResponse({ description: 'TENANCY.INVALID_TRANSITION (only an active tenancy) or TENANCY.INVALID_DATES' })
  giveNotice(@Param('id', ParseUUIDPipe) id: string, @Body() input: GiveNoticeDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new GiveNoticeCommand(id, input, actor));
  }
}
