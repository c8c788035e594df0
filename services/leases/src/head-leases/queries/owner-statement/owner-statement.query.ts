import { ApiProblemResponses } from '@hearth/platform';
import { Actor, assertCanSeeLandlordRecord, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HeadLeaseNotFoundError } from '../../../leases.errors';
import { HeadLease, OwnerMonthRecord } from '../../domain/head-lease.entity';

export class OwnerStatementQuery extends Query<unknown> {
  constructor(
    readonly headLeaseId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The owner's statement of a head lease: every month due (guaranteed rent, loan instalment, fee,
 * vacant or not), what was paid and what is still owed, and the loan's balance. Totals reconcile:
 * due − paid = owed. Nothing about the household.
 */
@QueryHandler(OwnerStatementQuery)
export class OwnerStatementHandler implements IQueryHandler<OwnerStatementQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ headLeaseId, actor }: OwnerStatementQuery) {
    const headLease = await this.dataSource.manager.findOneBy(HeadLease, { id: headLeaseId });
    if (!headLease) throw new HeadLeaseNotFoundError(headLeaseId);
    assertCanSeeLandlordRecord(actor, headLease.landlordId, () => new HeadLeaseNotFoundError(headLeaseId));
    const months = await this.dataSource.manager.find(OwnerMonthRecord, { where: { headLeaseId }, order: { month: 'ASC' } });
    const sum = (pick: (m: OwnerMonthRecord) => number) => months.reduce((total, m) => total + pick(m), 0);
    const repaid = sum((m) => m.loanRepaymentCents);
    return {
      headLeaseId,
      unitId: headLease.unitId,
      landlordId: headLease.landlordId,
      scheme: headLease.scheme,
      months: months.map((m) => ({
        month: m.month,
        guaranteedRentCents: m.guaranteedRentCents,
        loanRepaymentCents: m.loanRepaymentCents,
        managementFeeCents: m.managementFeeCents,
        dueCents: m.dueCents,
        vacant: m.vacant,
        paidCents: m.paidCents,
        paidOn: m.paidOn,
        owedCents: m.dueCents - m.paidCents,
      })),
      totals: { dueCents: sum((m) => m.dueCents), paidCents: sum((m) => m.paidCents), owedCents: sum((m) => m.dueCents - m.paidCents) },
      loan: headLease.loanPrincipalCents > 0 ? { principalCents: headLease.loanPrincipalCents, repaidCents: repaid, outstandingCents: headLease.loanPrincipalCents - repaid } : null,
    };
  }
}

@ApiTags('head leases')
@ApiProblemResponses()
@Controller('head-leases')
export class OwnerStatementController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/statement')
  @Roles(...STAFF_ROLES, 'landlord')
  @ApiOkResponse({ description: 'Months due, paid and owed to the owner (integer cents)' })
  @ApiNotFoundResponse({ description: 'No such head lease, or not the landlord’s' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new OwnerStatementQuery(id, actor));
  }
}
