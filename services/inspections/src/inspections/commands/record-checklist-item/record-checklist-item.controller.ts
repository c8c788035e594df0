import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { RecordChecklistItemDto } from './record-checklist-item.dto';
import { RecordChecklistItemCommand } from './record-checklist-item.handler';

@ApiTags('checklist')
@ApiProblemResponses()
@Controller('inspections/:inspectionId/items')
export class RecordChecklistItemController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':itemCode')
  @Roles(...STAFF_ROLES, 'inspector')
  @ApiConflictResponse({ description: 'INSPECTION.NOT_SCHEDULED, INSPECTION.ALREADY_COMPLETED or INSPECTION.CANCELLED' })
  record(
    @Param('inspectionId', ParseUUIDPipe) inspectionId: string,
    @Param('itemCode') itemCode: string,
    @Body() input: RecordChecklistItemDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.commandBus.execute(new RecordChecklistItemCommand(inspectionId, itemCode, input, actor));
  }
}
