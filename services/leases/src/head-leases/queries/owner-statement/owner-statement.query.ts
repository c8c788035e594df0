import { ApiProblemResponses } from '@hearth/platform';
import { Actor, assertCanSeeLandlordRecord, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HeadLeaseNotFoundError } from '../../../leases.errors';
import { maxDate, monthOf, nextMonth } from '../../../ledger/domain/calendar';
import { HeadLease, OwnerMonthRecord } from '../../domain/head-lease.entity';
import { loanSchedule } from '../../domain/renovation-loan';
import { readLoanRecords } from '../../renovation-loan.records';

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
 * vacant or not), what was paid and what is still owed, and the loan: lent, repaid, left and its
 * schedule. Totals reconcile: guaranteed − loan − fee = due, due − paid = owed, principal −
 * deducted − repaid early = outstanding. Nothing about the household.
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
      totals: {
        guaranteedRentCents: sum((m) => m.guaranteedRentCents),
        loanRepaymentCents: sum((m) => m.loanRepaymentCents),
        managementFeeCents: sum((m) => m.managementFeeCents),
        dueCents: sum((m) => m.dueCents),
        paidCents: sum((m) => m.paidCents),
        owedCents: sum((m) => m.dueCents - m.paidCents),
      },
      loan: headLease.loanPrincipalCents > 0 ? await this.loan(headLease, months) : null,
    };
  }

  /** The loan: lent when and how much, deducted and repaid early so far, what is left, and its schedule to the contract's end. */
  private async loan(headLease: HeadLease, months: OwnerMonthRecord[]) {
    const records = await readLoanRecords(this.dataSource.manager, headLease);
    const lastDue = months.at(-1)?.month;
    const schedule = loanSchedule({
      principalCents: headLease.loanPrincipalCents,
      monthlyCents: headLease.loanMonthlyCents,
      deductions: records.deductions,
      earlyRepayments: records.earlyRepayments,
      projectFrom: lastDue ? nextMonth(lastDue) : monthOf(maxDate(headLease.startDate, headLease.loanDisbursedOn ?? headLease.startDate)),
      lastMonth: monthOf(headLease.endDate),
    });
    return {
      principalCents: headLease.loanPrincipalCents,
      monthlyRepaymentCents: headLease.loanMonthlyCents,
      disbursedOn: headLease.loanDisbursedOn,
      deductedCents: schedule.deductedCents,
      repaidEarlyCents: schedule.repaidEarlyCents,
      repaidCents: schedule.deductedCents + schedule.repaidEarlyCents,
      outstandingCents: schedule.outstandingCents,
      earlyRepayments: records.earlyRepayments,
      schedule: schedule.lines,
      repaidInMonth: schedule.repaidInMonth,
      outstandingAtEndCents: schedule.outstandingAtEndCents,
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
