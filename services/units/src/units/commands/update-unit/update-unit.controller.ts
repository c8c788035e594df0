import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { UpdateUnitDto } from './update-unit.dto';
import { UpdateUnitCommand } from './update-unit.handler';

@ApiTags('units')
@ApiProblemResponses()
@Controller('units')
export class UpdateUnitController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':unitId')
  @Roles(...STAFF_ROLES, 'landlord')
  update(@Param('unitId', ParseUUIDPipe) unitId: string, @Body() input: UpdateUnitDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new UpdateUnitCommand(unitId, input, actor));
  }
}
