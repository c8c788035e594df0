import { Actor, CurrentActor, Roles, STAFF_ROLES, scopeLandlordId } from '@hearth/auth';
import { ApiProblemResponses, Page, pageQuery, queryFlag, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Deficiency } from '../../../inspections/domain/deficiency.entity';
import { SEVERITIES } from '../../../inspections/domain/repair-deadlines';
import { DeficiencyView, toDeficiencyView } from '../../deficiency.view';

const flag = queryFlag();

const listDeficienciesSchema = pageQuery({
  unitId: z.uuid().optional(),
  inspectionId: z.uuid().optional(),
  landlordId: z.uuid().optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(['open', 'cleared', 'superseded']).optional(),
  overdue: flag.optional().describe('true: open and past the repair deadline'),
});

export class ListDeficienciesDto extends createZodDto(listDeficienciesSchema) {}

export class ListDeficienciesQuery extends Query<Page<DeficiencyView>> {
  constructor(
    readonly filter: ListDeficienciesDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Deficiencies, most recently found first; a landlord sees only those of their own flats. */
@QueryHandler(ListDeficienciesQuery)
export class ListDeficienciesHandler implements IQueryHandler<ListDeficienciesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListDeficienciesQuery): Promise<Page<DeficiencyView>> {
    const now = new Date();
    const query = this.dataSource.manager.createQueryBuilder(Deficiency, 'd').orderBy('d.found_at', 'DESC').addOrderBy('d.id');
    const landlordId = scopeLandlordId(actor) ?? filter.landlordId;
    if (landlordId) query.andWhere('d.landlord_id = :landlordId', { landlordId });
    if (filter.unitId) query.andWhere('d.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.inspectionId) query.andWhere('d.inspection_id = :inspectionId', { inspectionId: filter.inspectionId });
    if (filter.severity) query.andWhere('d.severity = :severity', { severity: filter.severity });
    if (filter.status === 'open') query.andWhere('d.resolution IS NULL');
    else if (filter.status) query.andWhere('d.resolution = :resolution', { resolution: filter.status });
    if (filter.overdue === true) query.andWhere('d.resolution IS NULL AND d.deadline_at < :now', { now });
    if (filter.overdue === false) query.andWhere('NOT (d.resolution IS NULL AND d.deadline_at < :now)', { now });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(
      rows.map((row) => toDeficiencyView(row, now)),
      total,
      filter,
    );
  }
}

@ApiTags('deficiencies')
@ApiProblemResponses()
@Controller('deficiencies')
export class ListDeficienciesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'landlord')
  list(@QueryParams() filter: ListDeficienciesDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListDeficienciesQuery(filter, actor));
  }
}
