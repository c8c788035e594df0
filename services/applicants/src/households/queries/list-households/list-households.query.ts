import { Actor, CurrentActor, Roles } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, code, toPage, queryFlag, text } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Household, SUPPORT_PROGRAMMES } from '../../domain/household.entity';
import { HOUSEHOLD_STATUSES, HouseholdStatus } from '../../domain/household-status';
import { caseloadOf, HOUSEHOLD_ROLES } from '../../household-access';
import { HouseholdSummary, toHouseholdSummary } from '../../household.view';

const listHouseholdsSchema = pageQuery({
  status: z.enum(HOUSEHOLD_STATUSES as [HouseholdStatus, ...HouseholdStatus[]]).optional(),
  programme: z.enum(SUPPORT_PROGRAMMES).optional(),
  caseworkerId: text({ max: 100 }).optional().describe('Households on this caseworker’s caseload (a caseworker always sees only their own)'),
  unassigned: queryFlag().optional().describe('Only households without a caseworker'),
  reference: code({ max: 10 }).optional().describe('A household reference (HX-7Q2K); normalised like every code'),
});

export class ListHouseholdsDto extends createZodDto(listHouseholdsSchema) {}

export class ListHouseholdsQuery extends Query<Page<HouseholdSummary>> {
  constructor(
    readonly filter: ListHouseholdsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Households newest first, without personal data. */
@QueryHandler(ListHouseholdsQuery)
export class ListHouseholdsHandler implements IQueryHandler<ListHouseholdsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListHouseholdsQuery): Promise<Page<HouseholdSummary>> {
    const query = this.dataSource.manager.createQueryBuilder(Household, 'h').orderBy('h.registered_at', 'DESC').addOrderBy('h.reference');
    const caseworkerId = caseloadOf(actor) ?? filter.caseworkerId;
    if (caseworkerId) query.andWhere('h.caseworker_id = :caseworkerId', { caseworkerId });
    if (filter.unassigned !== undefined) query.andWhere(filter.unassigned ? 'h.caseworker_id IS NULL' : 'h.caseworker_id IS NOT NULL');
    if (filter.status) query.andWhere('h.status = :status', { status: filter.status });
    if (filter.programme) query.andWhere('h.programme = :programme', { programme: filter.programme });
    if (filter.reference) query.andWhere('h.reference = :reference', { reference: filter.reference });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    const now = new Date();
    return toPage(rows.map((h) => toHouseholdSummary(h, now)), total, filter);
  }
}

@ApiTags('households')
@ApiProblemResponses()
@Controller('households')
export class ListHouseholdsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...HOUSEHOLD_ROLES)
  @ApiOkResponse({ description: 'A page of households, newest first, without personal data' })
  list(@QueryParams() filter: ListHouseholdsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListHouseholdsQuery(filter, actor));
  }
}
