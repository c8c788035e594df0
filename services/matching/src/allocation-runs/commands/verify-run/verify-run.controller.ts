import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerifyRunDto } from './verify-run.dto';
import { VerifyRunCommand } from './verify-run.handler';

@ApiTags('allocation-runs')
@ApiProblemResponses()
@Controller('allocation-runs/:runId')
export class VerifyRunController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('verify')
  @HttpCode(200)
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiOperation({
    summary: 'Re-check a run from its census',
    description: 'optimal: verifyCertificate on the stored instance, result and certificate; priority: the allocation is recomputed and compared. Writes nothing.',
  })
  @ApiOkResponse({ description: '{ valid, checks, errors }' })
  @ApiConflictResponse({ description: 'RUN.NOT_SOLVED: the run has no result yet' })
  verify(@Param('runId', ParseUUIDPipe) runId: string, @Body() _body: VerifyRunDto) {
    return this.commandBus.execute(new VerifyRunCommand(runId));
  }
}
