import { Actor, CurrentActor, isStaff, Roles, scopeLandlordId, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, Page, pageQuery, toPage } from '@hearth/platform';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { toClaimView, toLandlordClaimView } from '../../claim.view';
import { ClaimMonth, GuaranteeClaim } from '../../domain/claim.entity';

const listClaimsSchema = pageQuery({
  tenancyId: z.uuid().optional(),
  landlordId: z.uuid().optional(),
  kind: z.enum(['arrears', 'damage', 'legal_costs', 'vacancy']).optional(),
  status: z.enum(['opened', 'submitted', 'approved', 'partly_approved', 'rejected', 'paid', 'recovering']).optional(),
});

export class ListClaimsDto extends createZodDto(listClaimsSchema) {}

export class ListClaimsQuery extends Query<Page<ReturnType<typeof toClaimView> | ReturnType<typeof toLandlordClaimView>>> {
  constructor(
    readonly filter: ListClaimsDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A landlord's list is always their own. */
@QueryHandler(ListClaimsQuery)
export class ListClaimsHandler implements IQueryHandler<ListClaimsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: ListClaimsQuery) {
    const query = this.dataSource.manager.createQueryBuilder(GuaranteeClaim, 'c').orderBy('c.created_at', 'DESC').addOrderBy('c.id');
    const landlordId = scopeLandlordId(actor) ?? filter.landlordId;
    if (landlordId) query.andWhere('c.landlord_id = :landlordId', { landlordId });
    if (filter.tenancyId) query.andWhere('c.tenancy_id = :tenancyId', { tenancyId: filter.tenancyId });
    if (filter.kind) query.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    const [rows, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    const months = rows.length ? await this.dataSource.manager.find(ClaimMonth, { where: { claimId: In(rows.map((c) => c.id)) }, order: { month: 'ASC' } }) : [];
    const view = isStaff(actor) ? toClaimView : toLandlordClaimView;
    return toPage(
      rows.map((c) => view(c, months.filter((m) => m.claimId === c.id))),
      total,
      filter,
    );
  }
}

@ApiTags('guarantee claims')
@ApiProblemResponses()
@Controller('claims')
export class ListClaimsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...STAFF_ROLES, 'landlord')
  list(@QueryParams() filter: ListClaimsDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ListClaimsQuery(filter, actor));
  }
}
