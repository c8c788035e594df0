import { LoanRepaymentDeducted, OwnerPaymentDue, SYSTEM_ACTOR } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { firstDayOf, lastDayOf, monthOf } from '../../../ledger/domain/calendar';
import { ownerMonth } from '../../../ledger/domain/ledger';
import { HeadLease, OwnerMonthRecord } from '../../domain/head-lease.entity';
import { readLoanRecords } from '../../renovation-loan.records';

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
 * the management fee. Recorded once per head lease and month. The instalment is deducted from the
 * month the loan was lent, and stops once deductions and early repayments have repaid it.
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
      // Only a loan already lent is repaid, and never more than is left of it after early repayments.
      const lent = headLease.loanDisbursedOn !== null && headLease.loanDisbursedOn <= lastDayOf(month);
      const { outstandingCents } = await readLoanRecords(manager, headLease);
      const amounts = ownerMonth({
        month,
        startDate: headLease.startDate,
        endDate: headLease.endDate,
        guaranteedRentCents: headLease.guaranteedRentCents,
        managementFeeCents: headLease.managementFeeCents,
        loanMonthlyCents: lent ? headLease.loanMonthlyCents : 0,
        loanOutstandingCents: outstandingCents,
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
      const remainingCents = outstandingCents - amounts.loanRepaymentCents;
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
