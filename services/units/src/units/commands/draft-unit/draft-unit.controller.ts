import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { DraftUnitDto } from './draft-unit.dto';
import { DraftUnitCommand } from './draft-unit.handler';

@ApiTags('units')
@ApiProblemResponses()
@Controller('units')
export class DraftUnitController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiConflictResponse({ description: 'UNIT.LANDLORD_NOT_ACTIVE: the landlord is not verified, or is suspended' })
  draft(@Body() input: DraftUnitDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new DraftUnitCommand(input, actor));
  }
}
