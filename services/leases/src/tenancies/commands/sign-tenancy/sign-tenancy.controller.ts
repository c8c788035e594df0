import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SignTenancyDto } from './sign-tenancy.dto';
import { SignTenancyCommand } from './sign-tenancy.handler';

@ApiTags('tenancies')
@ApiProblemResponses()
@Controller('tenancies')
export class SignTenancyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/sign')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The signed tenancy; it starts on its start date' })
  @ApiConflictResponse({ description: 'TENANCY.INVALID_TRANSITION: only a draft can be signed' })
  sign(@Param('id', ParseUUIDPipe) id: string, @Body() input: SignTenancyDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new SignTenancyCommand(id, input, actor));
  }
}
