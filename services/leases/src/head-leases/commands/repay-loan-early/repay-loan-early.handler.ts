import { Actor, isStaff } from '@hearth/auth';
import { RenovationLoanRepaidEarly } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError, toCents, ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { LeasesClock } from '../../../clock';
import { HeadLeaseNotFoundError } from '../../../leases.errors';
import { HeadLease, LoanEarlyRepaymentRecord } from '../../domain/head-lease.entity';
import { readLoanRecords } from '../../renovation-loan.records';
import { RepayLoanEarlyDto } from './repay-loan-early.dto';

export class RepayLoanEarlyCommand extends Command<{ repaidCents: number; repaidOn: string; outstandingCents: number }> {
  constructor(
    readonly headLeaseId: string,
    readonly input: RepayLoanEarlyDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Staff record that the owner repaid part or all of the renovation loan ahead of its schedule:
 * never more than is left, never before it was lent nor in the future. Later months deduct the
 * instalment only while something is left.
 */
@CommandHandler(RepayLoanEarlyCommand)
export class RepayLoanEarlyHandler implements ICommandHandler<RepayLoanEarlyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: AggregateStore,
    private readonly clock: LeasesClock,
  ) {}

  execute({ headLeaseId, input, actor }: RepayLoanEarlyCommand) {
    return this.unitOfWork.run(async (manager) => {
      // Locked as the monthly deduction locks it: a repayment and a month's instalment never both take the last euros.
      const headLease = await manager.findOne(HeadLease, { where: { id: headLeaseId }, lock: { mode: 'pessimistic_write' } });
      if (!headLease || !isStaff(actor)) throw new HeadLeaseNotFoundError(headLeaseId);
      if (headLease.loanPrincipalCents === 0 || headLease.loanDisbursedOn === null) throw new ConflictError('LOAN.NONE', 'This head lease has no renovation loan');
      const today = this.clock.today();
      if (input.repaidOn > today || input.repaidOn < headLease.loanDisbursedOn) {
        throw new ValidationError([{ field: 'repaidOn', message: `must be between the day the loan was lent (${headLease.loanDisbursedOn}) and today` }]);
      }
      const amountCents = toCents(input.amount);
      const { outstandingCents } = await readLoanRecords(manager, headLease);
      if (amountCents > outstandingCents) {
        throw new ConflictError('LOAN.OVERPAYMENT', `The repayment exceeds what is left of the loan (${outstandingCents} cents)`, { outstandingCents });
      }
      await manager.insert(LoanEarlyRepaymentRecord, { id: randomUUID(), headLeaseId, repaidOn: input.repaidOn, amountCents, recordedBy: actor.id });
      const remainingCents = outstandingCents - amountCents;
      await this.store.save(manager, HeadLease, headLease, (version) => [
        newEvent(RenovationLoanRepaidEarly, {
          aggregateId: headLeaseId,
          aggregateVersion: version,
          actor,
          payload: { headLeaseId, unitId: headLease.unitId, landlordId: headLease.landlordId, loanId: headLease.agreementId, amountCents, repaidOn: input.repaidOn, remainingCents },
        }),
      ]);
      return { repaidCents: amountCents, repaidOn: input.repaidOn, outstandingCents: remainingCents };
    });
  }
}
