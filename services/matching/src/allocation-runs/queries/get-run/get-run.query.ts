import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RunNotFoundError } from '../../allocation-run.errors';
import { RunView, toRunView } from '../../allocation-run.view';
import { AllocationRun } from '../../domain/allocation-run.entity';

export class GetRunQuery extends Query<RunView> {
  constructor(readonly runId: string) {
    super();
  }
}

@QueryHandler(GetRunQuery)
export class GetRunHandler implements IQueryHandler<GetRunQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ runId }: GetRunQuery): Promise<RunView> {
    const run = await this.dataSource.manager.findOneBy(AllocationRun, { id: runId });
    if (!run) throw new RunNotFoundError(runId);
    return toRunView(run);
  }
}

@ApiTags('allocation-runs')
@ApiProblemResponses()
@Controller('allocation-runs')
export class GetRunController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':runId')
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiOperation({ summary: 'A run: status, progress (0–100 and phase), counts, proposals with their outcome, district report, timings' })
  get(@Param('runId', ParseUUIDPipe) runId: string) {
    return this.queryBus.execute(new GetRunQuery(runId));
  }
}
