import { Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, code, districtCode, toPage, queryInt } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AvailableUnit } from '../../available-unit.entity';

const listUnitsSchema = pageQuery({
  status: z.enum(['available', 'reserved', 'let', 'pending_inspection', 'withdrawn']).optional(),
  district: districtCode().optional().describe('Normalised like the stored codes: `bxl-1` finds `BXL-1`'),
  bedrooms: queryInt({ min: 0, max: 10 }).optional(),
  buildingId: code({ max: 64 }).optional(),
});

export class ListPoolUnitsDto extends createZodDto(listUnitsSchema) {}

export class ListPoolUnitsQuery extends Query<Page<AvailableUnit>> {
  constructor(readonly filter: ListPoolUnitsDto) {
    super();
  }
}

/** The units matching knows, as the engine reads them, with their status here. */
@QueryHandler(ListPoolUnitsQuery)
export class ListPoolUnitsHandler implements IQueryHandler<ListPoolUnitsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListPoolUnitsQuery): Promise<Page<AvailableUnit>> {
    const query = this.dataSource.manager.createQueryBuilder(AvailableUnit, 'u').orderBy('u.updated_at', 'DESC').addOrderBy('u.unit_id');
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.district) query.andWhere('u.district = :district', { district: filter.district });
    if (filter.bedrooms !== undefined) query.andWhere('u.bedrooms = :bedrooms', { bedrooms: filter.bedrooms });
    if (filter.buildingId) query.andWhere('u.building_id = :buildingId', { buildingId: filter.buildingId });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows, total, filter);
  }
}

@ApiTags('units')
@ApiProblemResponses()
@Controller('units')
export class ListPoolUnitsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES)
  list(@QueryParams() filter: ListPoolUnitsDto) {
    return this.queryBus.execute(new ListPoolUnitsQuery(filter));
  }
}
