import { LoanRepaymentDeducted, OwnerPaymentDue, SYSTEM_ACTOR } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { firstDayOf, lastDayOf, monthOf } from '../../../ledger/domain/calendar';
import { ownerMonth } from '../../../ledger/domain/ledger';
import { HeadLease, OwnerMonthRecord } from '../../domain/head-lease.entity';

export type OwnerDueResult = 'due' | 'already_due' | 'not_due';

export class RecordOwnerDueCommand extends Command<OwnerDueResult> {
  constructor(
    readonly headLeaseId: string,
    readonly month: string,
  ) {
    super();
  }
}

/**
 * What the agency owes the owner for a month: the guaranteed rent — whether the flat was let,
 * empty, or its rent unpaid — less the renovation-loan instalment (until the loan is repaid) and
 * the management fee. Recorded once per head lease and month.
 */
@CommandHandler(RecordOwnerDueCommand)
export class RecordOwnerDueHandler implements ICommandHandler<RecordOwnerDueCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: AggregateStore,
    private readonly clock: LeasesClock,
  ) {}

  execute({ headLeaseId, month }: RecordOwnerDueCommand): Promise<OwnerDueResult> {
    return this.unitOfWork.run(async (manager) => {
      const headLease = await manager.findOne(HeadLease, { where: { id: headLeaseId }, lock: { mode: 'pessimistic_write' } });
      if (!headLease || month > monthOf(this.clock.today())) return 'not_due';
      if (await manager.existsBy(OwnerMonthRecord, { headLeaseId, month })) return 'already_due';
      const [{ repaid }] = await manager.query('SELECT COALESCE(sum(loan_repayment_cents), 0)::int AS repaid FROM owner_months WHERE head_lease_id = $1', [headLeaseId]);
      const amounts = ownerMonth({
        month,
        startDate: headLease.startDate,
        endDate: headLease.endDate,
        guaranteedRentCents: headLease.guaranteedRentCents,
        managementFeeCents: headLease.managementFeeCents,
        loanMonthlyCents: headLease.loanMonthlyCents,
        loanOutstandingCents: headLease.loanPrincipalCents - repaid,
      });
      if (!amounts) return 'not_due';
      const [{ occupied }] = await manager.query(
        `SELECT EXISTS (
           SELECT 1 FROM tenancies
            WHERE unit_id = $1 AND activated_on IS NOT NULL AND status IN ('active', 'ending', 'ended')
              AND start_date <= $3::date AND COALESCE(ended_on, ends_on, end_date, $3::date) >= $2::date) AS occupied`,
        [headLease.unitId, firstDayOf(month), lastDayOf(month)],
      );
      const vacant = !occupied;
      await manager.insert(OwnerMonthRecord, { headLeaseId, month, ...amounts, vacant, paidCents: 0, paidOn: null });
      const ref = { headLeaseId, unitId: headLease.unitId, landlordId: headLease.landlordId };
      const remainingCents = headLease.loanPrincipalCents - repaid - amounts.loanRepaymentCents;
      await this.store.save(manager, HeadLease, headLease, (version) => [
        newEvent(OwnerPaymentDue, { aggregateId: headLeaseId, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: { ...ref, month, ...amounts, vacant } }),
        ...(amounts.loanRepaymentCents > 0
          ? [
              newEvent(LoanRepaymentDeducted, {
                aggregateId: headLeaseId,
                aggregateVersion: version,
                actor: SYSTEM_ACTOR,
                payload: { ...ref, loanId: headLease.agreementId, month, amountCents: amounts.loanRepaymentCents, remainingCents },
              }),
            ]
          : []),
      ]);
      return 'due';
    });
  }
}
