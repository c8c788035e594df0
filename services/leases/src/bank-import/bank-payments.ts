import { ActorRef, PaymentRecorded } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { LeasesClock } from '../clock';
import { LedgerEntry } from '../ledger/domain/ledger-entry.entity';
import { Tenancy } from '../tenancies/domain/tenancy.entity';
import { TenancyRepository } from '../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../tenancies/tenancy.view';

export interface BankPayment {
  bookedOn: string;
  amountCents: number;
  reference: string | null;
}

/** Books money received by bank transfer on one tenancy's ledger, in the caller's transaction: one ledger line and one PaymentRecorded per transfer, arrears re-read once. */
@Injectable()
export class BankPayments {
  constructor(
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  async book(manager: EntityManager, tenancy: Tenancy, payments: readonly BankPayment[], actor: ActorRef): Promise<string[]> {
    const ids = payments.map(() => randomUUID());
    await manager.insert(
      LedgerEntry,
      payments.map((p, i) => ({
        id: ids[i],
        tenancyId: tenancy.id,
        kind: 'payment' as const,
        month: null,
        amountCents: p.amountCents,
        bookedOn: p.bookedOn,
        source: 'bank_import' as const,
        bankReference: p.reference,
        recordedBy: actor.id,
      })),
    );
    const balanceBefore = tenancy.balanceCents;
    const arrears = await this.tenancies.settle(manager, tenancy, this.clock.today(), actor);
    let running = balanceBefore;
    const ref = toTenancyEventRef(tenancy);
    await this.tenancies.save(manager, tenancy, (version): NewEvent[] => [
      ...payments.map((p, i) => {
        running -= p.amountCents;
        return newEvent(PaymentRecorded, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: { ...ref, paymentId: ids[i], amountCents: p.amountCents, receivedOn: p.bookedOn, source: 'bank_import' as const, balanceCents: running },
        });
      }),
      ...arrears(version),
    ]);
    return ids;
  }
}
