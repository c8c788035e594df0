import { Actor } from '@hearth/auth';
import { PaymentRecorded } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { toCents } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { LeasesClock } from '../../../clock';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { LedgerEntry } from '../../domain/ledger-entry.entity';
import { TenancyNotChargeableError } from '../../ledger.errors';
import { RecordPaymentDto } from './record-payment.dto';

export interface PaymentView {
  paymentId: string;
  tenancyId: string;
  amountCents: number;
  receivedOn: string;
  balanceCents: number;
}

export class RecordPaymentCommand extends Command<PaymentView> {
  constructor(
    readonly tenancyId: string,
    readonly input: RecordPaymentDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff record money received from the household: the balance falls, arrears are re-read (oldest charges settled first). */
@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler implements ICommandHandler<RecordPaymentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId, input, actor }: RecordPaymentCommand): Promise<PaymentView> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await this.tenancies.getForUpdate(manager, tenancyId, actor);
      if (!tenancy.activatedOn) throw new TenancyNotChargeableError(tenancy.id);
      const paymentId = randomUUID();
      const amountCents = toCents(input.amount);
      await manager.insert(LedgerEntry, {
        id: paymentId,
        tenancyId,
        kind: 'payment',
        month: null,
        amountCents,
        bookedOn: input.receivedOn,
        source: 'staff',
        bankReference: input.bankReference ?? null,
        recordedBy: actor.id,
      });
      const arrears = await this.tenancies.settle(manager, tenancy, this.clock.today(), actor);
      await this.tenancies.save(manager, tenancy, (version) => [
        newEvent(PaymentRecorded, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...toTenancyEventRef(tenancy), paymentId, amountCents, receivedOn: input.receivedOn, source: 'staff', balanceCents: tenancy.balanceCents },
        }),
        ...arrears(version),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'payment_recorded', actor, { paymentId, amountCents });
      return { paymentId, tenancyId, amountCents, receivedOn: input.receivedOn, balanceCents: tenancy.balanceCents };
    });
  }
}
