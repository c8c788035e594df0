import { Actor, CurrentActor, Roles, STAFF_ROLES, scopeLandlordId } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage, text } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Landlord } from '../../domain/landlord.entity';
import { LandlordView, toLandlordView } from '../../landlord.view';

const listLandlordsSchema = pageQuery({
  status: z.enum(['prospect', 'active', 'suspended', 'offboarded']).optional(),
  kind: z.enum(['individual', 'company']).optional(),
  search: text({ max: 100 }).optional().describe('Part of the name'),
});

export class ListLandlordsDto extends createZodDto(listLandlordsSchema) {}

export class ListLandlordsQuery extends Query<Page<LandlordView>> {
  constructor(
    readonly filter: ListLandlordsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListLandlordsQuery)
export class ListLandlordsHandler implements IQueryHandler<ListLandlordsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListLandlordsQuery): Promise<Page<LandlordView>> {
    const query = this.dataSource.manager.createQueryBuilder(Landlord, 'l').orderBy('l.created_at', 'DESC').addOrderBy('l.id');
    const ownId = scopeLandlordId(actor);
    if (ownId) query.andWhere('l.id = :ownId', { ownId });
    if (filter.status) query.andWhere('l.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('l.kind = :kind', { kind: filter.kind });
    if (filter.search) query.andWhere('l.name ILIKE :search', { search: `%${escapeLike(filter.search)}%` });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows.map(toLandlordView), total, filter);
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@ApiTags('landlords')
@ApiProblemResponses()
@Controller('landlords')
export class ListLandlordsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'landlord')
  list(@QueryParams() filter: ListLandlordsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListLandlordsQuery(filter, actor));
  }
}
