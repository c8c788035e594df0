import { allocationModeSchema } from '@hearth/contracts';
import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { toRunSummary } from '../../allocation-run.view';
import { AllocationRun } from '../../domain/allocation-run.entity';
import { RUN_STATUSES } from '../../domain/run-status';

const listRunsSchema = pageQuery({
  status: z.enum(RUN_STATUSES as [string, ...string[]]).optional(),
  mode: allocationModeSchema.optional(),
});

export class ListRunsDto extends createZodDto(listRunsSchema) {}

type RunSummary = ReturnType<typeof toRunSummary>;

export class ListRunsQuery extends Query<Page<RunSummary>> {
  constructor(readonly filter: ListRunsDto) {
    super();
  }
}

/** Newest first, without their proposals. */
@QueryHandler(ListRunsQuery)
export class ListRunsHandler implements IQueryHandler<ListRunsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListRunsQuery): Promise<Page<RunSummary>> {
    const query = this.dataSource.manager.createQueryBuilder(AllocationRun, 'r').orderBy('r.created_at', 'DESC').addOrderBy('r.id');
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.mode) query.andWhere('r.mode = :mode', { mode: filter.mode });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows.map(toRunSummary), total, filter);
  }
}

@ApiTags('allocation-runs')
@ApiProblemResponses()
@Controller('allocation-runs')
export class ListRunsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'board_member')
  list(@QueryParams() filter: ListRunsDto) {
    return this.queryBus.execute(new ListRunsQuery(filter));
  }
}
