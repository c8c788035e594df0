import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { PublishPolicyDto } from './publish-policy.dto';
import { PublishPolicyCommand } from './publish-policy.handler';

@ApiTags('priority policy')
@ApiProblemResponses()
@Controller('priority-policies')
export class PublishPolicyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('board_member')
  @ApiCreatedResponse({ description: 'The new version, in force now; every waitlisted household is re-scored by a background job (see rescoring.progress)' })
  @ApiConflictResponse({ description: 'POLICY.STALE' })
  publish(@Body() input: PublishPolicyDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new PublishPolicyCommand(input, actor));
  }
}
