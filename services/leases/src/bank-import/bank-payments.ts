import { ActorRef, PaymentRecorded } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { LeasesClock } from '../clock';
import { TenancyBatch } from '../ledger/tenancy-batch';
import { Tenancy } from '../tenancies/domain/tenancy.entity';
import { toTenancyEventRef } from '../tenancies/tenancy.view';

export interface BankPayment {
  bookedOn: string;
  amountCents: number;
  reference: string | null;
}

/**
 * Books money received by bank transfer on tenancies' ledgers, in the caller's transaction (rows
 * locked): one ledger line and one PaymentRecorded per transfer, arrears re-read once per
 * tenancy — for a whole statement in a few statements (TenancyBatch).
 */
@Injectable()
export class BankPayments {
  constructor(
    private readonly batch: TenancyBatch,
    private readonly clock: LeasesClock,
  ) {}

  /** Answers the ledger ids of each tenancy's payments, in the order given. */
  async book(manager: EntityManager, received: readonly { tenancy: Tenancy; payments: readonly BankPayment[] }[], actor: ActorRef): Promise<string[][]> {
    const ids = received.map(({ payments }) => payments.map(() => randomUUID()));
    await this.batch.book(
      manager,
      received.flatMap(({ tenancy, payments }, t) =>
        payments.map((p, i) => ({
          id: ids[t][i],
          tenancyId: tenancy.id,
          kind: 'payment' as const,
          month: null,
          amountCents: p.amountCents,
          bookedOn: p.bookedOn,
          source: 'bank_import' as const,
          bankReference: p.reference,
        })),
      ),
      actor.id,
    );
    const balanceBefore = new Map<string, number>();
    for (const { tenancy, payments } of received) {
      balanceBefore.set(tenancy.id, tenancy.balanceCents);
      tenancy.balanceCents -= payments.reduce((sum, p) => sum + p.amountCents, 0);
    }
    const tenancies = received.map((r) => r.tenancy);
    const arrears = await this.batch.settle(manager, tenancies, this.clock.today(), actor);
    const byTenancy = new Map(received.map((r, t) => [r.tenancy.id, { payments: r.payments, ids: ids[t] }]));
    await this.batch.save(manager, tenancies, (tenancy, version): NewEvent[] => {
      const { payments, ids: paymentIds } = byTenancy.get(tenancy.id)!;
      let running = balanceBefore.get(tenancy.id)!;
      const ref = toTenancyEventRef(tenancy);
      return [
        ...payments.map((p, i) => {
          running -= p.amountCents;
          return newEvent(PaymentRecorded, {
            aggregateId: tenancy.id,
            aggregateVersion: version,
            actor,
            payload: { ...ref, paymentId: paymentIds[i], amountCents: p.amountCents, receivedOn: p.bookedOn, source: 'bank_import' as const, balanceCents: running },
          });
        }),
        ...arrears.get(tenancy.id)!(version),
      ];
    });
    return ids;
  }
}
