import { offerSourceSchema } from '@hearth/contracts';
import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Page, pageQuery, ApiProblemResponses, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Offer } from '../../domain/offer.entity';
import { OFFER_STATUSES } from '../../domain/offer-status';
import { scopeToCaseload } from '../../caseload-access';
import { OfferView, toOfferView } from '../../offer.view';

const listOffersSchema = pageQuery({
  status: z.enum(OFFER_STATUSES as [string, ...string[]]).optional(),
  unitId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  runId: z.uuid().optional().describe('Offers proposed from this allocation run'),
  source: offerSourceSchema.optional(),
});

export class ListOffersDto extends createZodDto(listOffersSchema) {}

export class ListOffersQuery extends Query<Page<OfferView>> {
  constructor(
    readonly filter: ListOffersDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Newest first; a caseworker's list holds only their caseload's offers. */
@QueryHandler(ListOffersQuery)
export class ListOffersHandler implements IQueryHandler<ListOffersQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListOffersQuery): Promise<Page<OfferView>> {
    const query = scopeToCaseload(this.dataSource.manager.createQueryBuilder(Offer, 'o'), actor).orderBy('o.created_at', 'DESC').addOrderBy('o.id');
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.unitId) query.andWhere('o.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.householdId) query.andWhere('o.household_id = :householdId', { householdId: filter.householdId });
    if (filter.runId) query.andWhere('o.run_id = :runId', { runId: filter.runId });
    if (filter.source) query.andWhere('o.source = :source', { source: filter.source });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return toPage(rows.map(toOfferView), total, filter);
  }
}

@ApiTags('offers')
@ApiProblemResponses()
@Controller('offers')
export class ListOffersController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker')
  list(@QueryParams() filter: ListOffersDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListOffersQuery(filter, actor));
  }
}
