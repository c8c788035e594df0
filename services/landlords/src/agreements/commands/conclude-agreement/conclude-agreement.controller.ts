import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { EndAgreementDto } from './conclude-agreement.dto';
import { ConcludeAgreementCommand } from './conclude-agreement.handler';

@ApiTags('agreements')
@ApiConflictResponse({ description: 'AGREEMENT.INVALID_TRANSITION or LANDLORD.NOT_ACTIVE' })
@ApiProblemResponses()
@Controller('landlords/:landlordId/agreements/:agreementId')
@Roles(...STAFF_ROLES)
export class ConcludeAgreementController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('sign')
  @HttpCode(200)
  sign(
    @Param('landlordId', ParseUUIDPipe) landlordId: string,
    @Param('agreementId', ParseUUIDPipe) agreementId: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.commandBus.execute(new ConcludeAgreementCommand(landlordId, agreementId, { kind: 'sign' }, actor));
  }

  @Post('end')
  @HttpCode(200)
  end(
    @Param('landlordId', ParseUUIDPipe) landlordId: string,
    @Param('agreementId', ParseUUIDPipe) agreementId: string,
    @Body() body: EndAgreementDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.commandBus.execute(new ConcludeAgreementCommand(landlordId, agreementId, { kind: 'end', ...body }, actor));
  }
}
