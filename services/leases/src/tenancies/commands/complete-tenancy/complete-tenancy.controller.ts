import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CompleteTenancyDto } from './complete-tenancy.dto';
import { CompleteTenancyCommand } from './complete-tenancy.handler';

@ApiTags('tenancies')
@ApiProblemResponses()
@Controller('tenancies')
export class CompleteTenancyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/terms')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'The draft with its terms' })
  @ApiConflictResponse({ description: 'TENANCY.INVALID_TRANSITION: only a draft can be completed' })
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() input: CompleteTenancyDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new CompleteTenancyCommand(id, input, actor));
  }
}
