import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, code, toPage, queryFlag } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { BoardDecisionView, toBoardDecisionView } from '../../board-decision.view';
import { BoardDecision } from '../../domain/board-decision.entity';

const listDecisionsSchema = pageQuery({
  reference: code({ max: 10 }).optional().describe('A household reference (HX-7Q2K); normalised like every code'),
  kind: z.enum(['urgent', 'priority_adjustment']).optional(),
  active: queryFlag().optional().describe('true: in force; false: reversed'),
});

export class ListDecisionsDto extends createZodDto(listDecisionsSchema) {}

export class ListBoardDecisionsQuery extends Query<Page<BoardDecisionView>> {
  constructor(readonly filter: ListDecisionsDto) {
    super();
  }
}

/** The record of every board decision and reversal, newest first. */
@QueryHandler(ListBoardDecisionsQuery)
export class ListBoardDecisionsHandler implements IQueryHandler<ListBoardDecisionsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListBoardDecisionsQuery): Promise<Page<BoardDecisionView>> {
    const query = this.dataSource.manager
      .createQueryBuilder(BoardDecision, 'd')
      .innerJoin('households', 'h', 'h.id = d.household_id')
      .addSelect('h.reference', 'reference')
      .orderBy('d.decided_at', 'DESC')
      .addOrderBy('d.id');
    if (filter.reference) query.andWhere('h.reference = :reference', { reference: filter.reference });
    if (filter.kind) query.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.active !== undefined) query.andWhere(filter.active ? 'd.reversed_at IS NULL' : 'd.reversed_at IS NOT NULL');
    const total = await query.getCount();
    const { entities, raw } = await query.limit(filter.limit).offset(filter.offset).getRawAndEntities<{ reference: string }>();
    return toPage(
      entities.map((decision, i) => toBoardDecisionView(decision, raw[i].reference)),
      total,
      filter,
    );
  }
}

@ApiTags('board')
@ApiProblemResponses()
@Controller('board/decisions')
export class ListBoardDecisionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('board_member', ...STAFF_ROLES)
  @ApiOkResponse({ description: 'Board decisions with member, time, justification and reversal' })
  list(@QueryParams() filter: ListDecisionsDto) {
    return this.queryBus.execute(new ListBoardDecisionsQuery(filter));
  }
}
