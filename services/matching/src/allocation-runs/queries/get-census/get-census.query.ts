import { ApiProblemResponses } from '@hearth/platform';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AllocationRunRepository } from '../../allocation-run.repository';
import { AllocationRun } from '../../domain/allocation-run.entity';
import { AllocationRunCensus } from '../../domain/allocation-run-census.entity';

export class GetCensusQuery extends Query<ReturnType<typeof toCensusView>> {
  constructor(readonly runId: string) {
    super();
  }
}

function toCensusView(run: AllocationRun, census: AllocationRunCensus) {
  return {
    runId: run.id,
    mode: run.mode,
    status: run.status,
    runDate: run.runDate,
    engineVersion: run.engineVersion,
    policy: run.policy,
    districtLimit: run.districtLimit,
    requestedBy: run.requestedBy,
    decidedBy: run.decidedBy,
    decidedAt: run.decidedAt,
    /** The engine's input, as its CLI reads it (applicant ids are household ids). */
    instance: census.instance,
    householdReferences: census.householdReferences,
    result: census.result,
    certificate: census.certificate,
    /** Runs that asked for it: each point's pairs and certificate (check one with verifyFrontierPoint). */
    frontier: census.frontier,
    approvedPoint: run.approvedPoint,
    districtReport: run.districtReport,
    proposals: run.proposals,
  };
}

@QueryHandler(GetCensusQuery)
export class GetCensusHandler implements IQueryHandler<GetCensusQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: AllocationRunRepository,
  ) {}

  async execute({ runId }: GetCensusQuery) {
    const { run, census } = await this.runs.getWithCensus(this.dataSource.manager, runId);
    return toCensusView(run, census);
  }
}

@ApiTags('allocation-runs')
@ApiProblemResponses()
@Controller('allocation-runs')
export class GetCensusController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':runId/census')
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiOperation({
    summary: 'The run’s census: its exact input (engine instance), policy, engine version, result and certificate',
    description: 'Save `instance` as a file and re-run it with the engine’s CLI, or check `result` + `certificate` with any LP-duality checker (docs/matching-rules.md#optimality-certificate).',
  })
  @ApiConflictResponse({ description: 'RUN.NOT_SOLVED: the run has no result yet' })
  census(@Param('runId', ParseUUIDPipe) runId: string) {
    return this.queryBus.execute(new GetCensusQuery(runId));
  }
}
