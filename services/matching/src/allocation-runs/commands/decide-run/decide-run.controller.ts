import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApproveRunDto, RejectRunDto } from './decide-run.dto';
import { DecideRunCommand } from './decide-run.handler';

@ApiTags('allocation-runs')
@ApiConflictResponse({ description: 'RUN.INVALID_TRANSITION (not awaiting approval) or CONCURRENCY.STALE' })
@ApiProblemResponses()
@Controller('allocation-runs/:runId')
@Roles('board_member')
export class DecideRunController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve the run’s proposals (board members)',
    description:
      'Each proposal not excluded becomes a proposed offer; one whose unit or household changed since the run is skipped, with the reason’s code. ' +
      'A run with a frontier may be approved at one of its points (point): that point’s allocation becomes the proposals.',
  })
  @ApiOkResponse({ description: 'The run, offers_proposed, with each proposal’s outcome' })
  approve(@Param('runId', ParseUUIDPipe) runId: string, @Body() body: ApproveRunDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(
      new DecideRunCommand(runId, { kind: 'approve', exclude: body.exclude ?? [], point: body.point ?? null }, body.note ?? null, actor, body.expectedVersion),
    );
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the run’s proposals (board members): no offer goes out' })
  reject(@Param('runId', ParseUUIDPipe) runId: string, @Body() body: RejectRunDto, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new DecideRunCommand(runId, { kind: 'reject' }, body.note ?? null, actor, body.expectedVersion));
  }
}
