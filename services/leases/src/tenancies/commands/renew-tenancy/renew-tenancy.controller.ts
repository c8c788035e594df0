import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RenewTenancyDto } from './renew-tenancy.dto';
import { RenewTenancyCommand } from './renew-tenancy.handler';

@ApiTags('tenancies')
@ApiProblemResponses()
@Controller('tenancies')
export class RenewTenancyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/renew')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The renewed tenancy' })
  @ApiConflictResponse({ description: 'TENANCY.INVALID_TRANSITION (only an active tenancy) or TENANCY.INVALID_DATES' })
  renew(@Param('id', ParseUUIDPipe) id: string, @Body() input: RenewTenancyDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RenewTenancyCommand(id, input, actor));
  }
}
