import { Actor, CurrentActor, isStaff, Roles, scopeLandlordId, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, Page, pageQuery, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource, In } from 'typeorm';
import { PaymentPlan } from '../../../payment-plans/domain/payment-plan.entity';
import { planStandings } from '../../../payment-plans/plan-standing';
import { LeasesClock } from '../../../clock';
import { z } from 'zod';
import { Tenancy } from '../../domain/tenancy.entity';
import { scopeToCaseload } from '../../caseload-access';
import { toCaseworkerTenancyView, toLandlordTenancyView, toTenancyView } from '../../tenancy.view';

const listTenanciesSchema = pageQuery({
  status: z.enum(['draft', 'signed', 'active', 'ending', 'ended', 'cancelled']).optional(),
  unitId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  offerId: z.uuid().optional(),
  landlordId: z.uuid().optional(),
});

export class ListTenanciesDto extends createZodDto(listTenanciesSchema) {}

export class ListTenanciesQuery extends Query<Page<unknown>> {
  constructor(
    readonly filter: ListTenanciesDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Newest first; a landlord's list is always their own flats' tenancies, in the landlord's view; a caseworker's those of their caseload, each with its plan in force and where its instalments stand today. */
@QueryHandler(ListTenanciesQuery)
export class ListTenanciesHandler implements IQueryHandler<ListTenanciesQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
  ) {}

  async execute({ filter, actor }: ListTenanciesQuery): Promise<Page<unknown>> {
    const query = this.dataSource.manager.createQueryBuilder(Tenancy, 't').orderBy('t.created_at', 'DESC').addOrderBy('t.id');
    const landlordId = scopeLandlordId(actor) ?? filter.landlordId;
    if (landlordId) query.andWhere('t.landlord_id = :landlordId', { landlordId });
    if (actor.role === 'caseworker') scopeToCaseload(query, actor);
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.unitId) query.andWhere('t.unit_id = :unitId', { unitId: filter.unitId });
    // A landlord cannot look tenancies up by household.
    if (filter.householdId && actor.role !== 'landlord') query.andWhere('t.household_id = :householdId', { householdId: filter.householdId });
    if (filter.offerId && isStaff(actor)) query.andWhere('t.offer_id = :offerId', { offerId: filter.offerId });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    if (actor.role === 'caseworker') {
      const plans = rows.length ? await this.dataSource.manager.findBy(PaymentPlan, { tenancyId: In(rows.map((t) => t.id)), status: 'active' }) : [];
      const standings = await planStandings(this.dataSource.manager, plans, this.clock.today());
      return toPage(rows.map((t) => toCaseworkerTenancyView(t, standings.find((s) => s.plan.tenancyId === t.id) ?? null)), total, filter);
    }
    return toPage(
      rows.map((t) => (isStaff(actor) ? toTenancyView(t) : toLandlordTenancyView(t, t.headLeaseId !== null))),
      total,
      filter,
    );
  }
}

@ApiTags('tenancies')
@ApiProblemResponses()
@Controller('tenancies')
export class ListTenanciesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'caseworker', 'landlord')
  list(@QueryParams() filter: ListTenanciesDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListTenanciesQuery(filter, actor));
  }
}
