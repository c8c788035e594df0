import { ApiProblemResponses } from '@hearth/platform';
import { Actor, CurrentActor, isStaff, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HeadLease } from '../../../head-leases/domain/head-lease.entity';
import { TenancyNotFoundError } from '../../../leases.errors';
import { Tenancy, TenancyHistoryEntry } from '../../domain/tenancy.entity';
import { PaymentPlan } from '../../../payment-plans/domain/payment-plan.entity';
import { planStandings } from '../../../payment-plans/plan-standing';
import { LeasesClock } from '../../../clock';
import { isOnCaseload } from '../../caseload-access';
import { toCaseworkerTenancyView, toLandlordTenancyView, toTenancyView } from '../../tenancy.view';

export class GetTenancyQuery extends Query<unknown> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Staff see the whole tenancy and its dated, attributed history; the household's caseworker its
 * tenancy, balance and payment plan; the flat's landlord only the reference, dates and whether the
 * rent is guaranteed. Anyone else's is 404.
 */
@QueryHandler(GetTenancyQuery)
export class GetTenancyHandler implements IQueryHandler<GetTenancyQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: LeasesClock,
  ) {}

  async execute({ id, actor }: GetTenancyQuery) {
    const tenancy = await this.dataSource.manager.findOneBy(Tenancy, { id });
    if (!tenancy) throw new TenancyNotFoundError(id);
    if (isStaff(actor)) {
      const history = await this.dataSource.manager.find(TenancyHistoryEntry, { where: { tenancyId: id }, order: { id: 'ASC' } });
      return {
        ...toTenancyView(tenancy),
        history: history.map((h) => ({ at: h.at.toISOString(), action: h.action, actor: { id: h.actorId, role: h.actorRole }, details: h.details })),
      };
    }
    if (actor.role === 'caseworker') {
      if (!(await isOnCaseload(this.dataSource.manager, actor, tenancy.householdId))) throw new TenancyNotFoundError(id);
      // The plan in force, or else the latest one (broken or completed), so the caseworker sees how it went.
      const plan =
        (await this.dataSource.manager.findOneBy(PaymentPlan, { tenancyId: id, status: 'active' })) ??
        (await this.dataSource.manager.findOne(PaymentPlan, { where: { tenancyId: id }, order: { agreedOn: 'DESC' } }));
      const [standing] = plan ? await planStandings(this.dataSource.manager, [plan], this.clock.today()) : [];
      return toCaseworkerTenancyView(tenancy, standing ?? null);
    }
    if (actor.role !== 'landlord' || actor.landlordId !== tenancy.landlordId) throw new TenancyNotFoundError(id);
    const headLease = tenancy.headLeaseId ? await this.dataSource.manager.findOneBy(HeadLease, { id: tenancy.headLeaseId }) : null;
    return toLandlordTenancyView(tenancy, headLease !== null && headLease.coverage?.rentArrears !== false);
  }
}

@ApiTags('tenancies')
@ApiProblemResponses()
@Controller('tenancies')
export class GetTenancyController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles(...STAFF_ROLES, 'caseworker', 'landlord')
  @ApiOkResponse({ description: 'The tenancy (amounts in integer cents)' })
  @ApiNotFoundResponse({ description: 'No such tenancy, not one of the landlord’s flats, or not a household on the caseworker’s caseload' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetTenancyQuery(id, actor));
  }
}
