import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { FileComplaintDto } from './file-complaint.dto';
import { FileComplaintCommand } from './file-complaint.handler';

@ApiTags('complaints')
@ApiProblemResponses()
@Controller('complaints')
export class FileComplaintController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES, 'caseworker', 'landlord')
  @ApiCreatedResponse({ description: 'The complaint at stage 1, awaiting acknowledgement, with its deadline' })
  @ApiConflictResponse({ description: 'COMPLAINT.TENANCY_UNKNOWN, COMPLAINT.TENANCY_NOT_OF_UNIT or COMPLAINT.NEIGHBOUR_UNKNOWN' })
  file(@Body() input: FileComplaintDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new FileComplaintCommand(input, actor));
  }
}
