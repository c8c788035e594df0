import { Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, IntParamPipe, MAX_INT, NotFoundError } from '@hearth/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { rescoringJobId } from '../../../applicants.queues';
import { PriorityPolicyVersion } from '../../domain/priority-policy.entity';
import { RescoringScheduler } from '../../rescoring.scheduler';

export interface RescoringStatus {
  policyVersion: number;
  jobId: string;
  /** BullMQ's state of the job (waiting, active, completed, failed, delayed…), or completed from the record once the job is gone. */
  state: string;
  progress: { total: number; processed: number; changed: number } | null;
  completedAt: Date | null;
  failedReason: string | null;
}

export class GetRescoringProgressQuery extends Query<RescoringStatus> {
  constructor(readonly policyVersion: number) {
    super();
  }
}

@QueryHandler(GetRescoringProgressQuery)
export class GetRescoringProgressHandler implements IQueryHandler<GetRescoringProgressQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: RescoringScheduler,
  ) {}

  async execute({ policyVersion }: GetRescoringProgressQuery): Promise<RescoringStatus> {
    const policy = await this.dataSource.manager.findOneBy(PriorityPolicyVersion, { version: policyVersion });
    if (!policy) throw new NotFoundError('POLICY.NOT_FOUND', `No published priority policy version ${policyVersion}`);
    const job = await this.scheduler.job(policyVersion);
    const progress = job && typeof job.progress === 'object' ? (job.progress as { total: number; processed: number; changed: number }) : null;
    const done = policy.rescoringCompletedAt !== null;
    return {
      policyVersion,
      jobId: rescoringJobId(policyVersion),
      state: done ? 'completed' : job ? await job.getState() : 'unknown',
      progress: done
        ? { total: policy.rescoredHouseholds ?? 0, processed: policy.rescoredHouseholds ?? 0, changed: policy.changedHouseholds ?? 0 }
        : progress && { total: progress.total, processed: progress.processed, changed: progress.changed },
      completedAt: policy.rescoringCompletedAt,
      failedReason: job?.failedReason ?? null,
    };
  }
}

@ApiTags('priority policy')
@ApiProblemResponses()
@Controller('priority-policies')
export class GetRescoringProgressController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':version/rescoring')
  @Roles(...STAFF_ROLES, 'board_member')
  @ApiOkResponse({ description: 'State and progress of the re-scoring job a policy version started' })
  get(@Param('version', new IntParamPipe('version', { min: 1, max: MAX_INT })) version: number) {
    return this.queryBus.execute(new GetRescoringProgressQuery(version));
  }
}
