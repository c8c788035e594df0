import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DraftAgreementDto } from './draft-agreement.dto';
import { DraftAgreementCommand } from './draft-agreement.handler';

@ApiTags('agreements')
@ApiProblemResponses()
@Controller('landlords/:landlordId/agreements')
export class DraftAgreementController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES)
  draft(@Param('landlordId', ParseUUIDPipe) landlordId: string, @Body() input: DraftAgreementDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new DraftAgreementCommand(landlordId, input, actor));
  }
}
