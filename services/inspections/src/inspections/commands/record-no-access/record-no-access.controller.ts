import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RecordNoAccessDto } from './record-no-access.dto';
import { RecordNoAccessCommand } from './record-no-access.handler';

@ApiTags('inspections')
@ApiProblemResponses()
@Controller('inspections/:inspectionId/no-access')
export class RecordNoAccessController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'inspector')
  @ApiOkResponse({ description: 'The inspection, requested again and without an appointment' })
  @ApiConflictResponse({ description: 'INSPECTION.NOT_SCHEDULED, INSPECTION.ALREADY_COMPLETED, INSPECTION.CANCELLED or CONCURRENCY.STALE' })
  record(@Param('inspectionId', ParseUUIDPipe) inspectionId: string, @Body() body: RecordNoAccessDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordNoAccessCommand(inspectionId, body.note, actor, body.expectedVersion));
  }
}
