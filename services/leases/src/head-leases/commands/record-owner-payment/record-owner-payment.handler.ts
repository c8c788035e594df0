import { Actor, isStaff } from '@hearth/auth';
import { OwnerPaymentMade } from '@hearth/contracts';
import { AggregateStore, newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { toCents } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HeadLeaseNotFoundError, OwnerMonthNotDueError, OwnerOverpaymentError } from '../../../leases.errors';
import { HeadLease, OwnerMonthRecord } from '../../domain/head-lease.entity';
import { RecordOwnerPaymentDto } from './record-owner-payment.dto';

export class RecordOwnerPaymentCommand extends Command<{ month: string; dueCents: number; paidCents: number; owedCents: number }> {
  constructor(
    readonly headLeaseId: string,
    readonly input: RecordOwnerPaymentDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff record a transfer to the owner against a month already due; never more than is still owed. */
@CommandHandler(RecordOwnerPaymentCommand)
export class RecordOwnerPaymentHandler implements ICommandHandler<RecordOwnerPaymentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: AggregateStore,
  ) {}

  execute({ headLeaseId, input, actor }: RecordOwnerPaymentCommand) {
    return this.unitOfWork.run(async (manager) => {
      const headLease = await manager.findOne(HeadLease, { where: { id: headLeaseId }, lock: { mode: 'pessimistic_write' } });
      if (!headLease || !isStaff(actor)) throw new HeadLeaseNotFoundError(headLeaseId);
      const month = await manager.findOneBy(OwnerMonthRecord, { headLeaseId, month: input.month });
      if (!month) throw new OwnerMonthNotDueError(input.month);
      const amountCents = toCents(input.amount);
      const owed = month.dueCents - month.paidCents;
      if (amountCents > owed) throw new OwnerOverpaymentError(input.month, owed);
      month.paidCents += amountCents;
      month.paidOn = input.paidOn;
      await manager.update(OwnerMonthRecord, { headLeaseId, month: input.month }, { paidCents: month.paidCents, paidOn: month.paidOn });
      await this.store.save(manager, HeadLease, headLease, (version) => [
        newEvent(OwnerPaymentMade, {
          aggregateId: headLeaseId,
          aggregateVersion: version,
          actor,
          payload: { headLeaseId, unitId: headLease.unitId, landlordId: headLease.landlordId, month: input.month, paidCents: amountCents, paidOn: input.paidOn },
        }),
      ]);
      return { month: input.month, dueCents: month.dueCents, paidCents: month.paidCents, owedCents: month.dueCents - month.paidCents };
    });
  }
}
