import { Actor, CurrentActor, Roles, scopeLandlordId, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, Page, pageQuery, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { HeadLease } from '../../domain/head-lease.entity';
import { toHeadLeaseView } from '../../head-lease.view';

const listHeadLeasesSchema = pageQuery({ unitId: z.uuid().optional(), landlordId: z.uuid().optional(), status: z.enum(['active', 'ended']).optional() });

export class ListHeadLeasesDto extends createZodDto(listHeadLeasesSchema) {}

export class ListHeadLeasesQuery extends Query<Page<ReturnType<typeof toHeadLeaseView>>> {
  constructor(
    readonly filter: ListHeadLeasesDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A landlord's list is always their own. */
@QueryHandler(ListHeadLeasesQuery)
export class ListHeadLeasesHandler implements IQueryHandler<ListHeadLeasesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListHeadLeasesQuery) {
    const query = this.dataSource.manager.createQueryBuilder(HeadLease, 'h').orderBy('h.created_at', 'DESC').addOrderBy('h.id');
    const landlordId = scopeLandlordId(actor) ?? filter.landlordId;
    if (landlordId) query.andWhere('h.landlord_id = :landlordId', { landlordId });
    if (filter.unitId) query.andWhere('h.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.status) query.andWhere('h.status = :status', { status: filter.status });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows.map(toHeadLeaseView), total, filter);
  }
}

@ApiTags('head leases')
@ApiProblemResponses()
@Controller('head-leases')
export class ListHeadLeasesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'landlord')
  list(@QueryParams() filter: ListHeadLeasesDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListHeadLeasesQuery(filter, actor));
  }
}
