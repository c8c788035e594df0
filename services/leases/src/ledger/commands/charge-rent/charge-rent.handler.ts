import { PaymentRecorded, RentCharged, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { LeasesClock } from '../../../clock';
import { rentOn } from '../../../indexation/domain/indexation';
import { RentIndexation } from '../../../indexation/domain/indexation.entity';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { chargeFor, MonthCharge } from '../../domain/ledger';
import { groupBy, NewLedgerEntry, TENANCY_BATCH_SIZE, TenancyBatch } from '../../tenancy-batch';

/** Charges a month to every tenancy that occupied its flat in it (or to the tenancies given); answers how many were charged. */
export class ChargeRentCommand extends Command<number> {
  constructor(
    readonly month: string,
    readonly tenancyIds: readonly string[] | null = null,
  ) {
    super();
  }
}

/** Batches charged side by side (each its own transaction and connection). */
const PARALLEL_BATCHES = 3;

/**
 * Books a month's rent and service charges on each tenancy's ledger (prorated in a first or last
 * partial month), and the part a benefit agency pays directly as a payment of the same month,
 * with one RentCharged per tenancy and month. Set-wise: a transaction per batch of tenancies, a
 * few statements each. Never twice: a charge already booked for the month (unique index) is skipped
 * by the INSERT itself, and only what it inserted is settled and announced.
 */
@CommandHandler(ChargeRentCommand)
export class ChargeRentHandler implements ICommandHandler<ChargeRentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly batch: TenancyBatch,
    private readonly clock: LeasesClock,
  ) {}

  async execute({ month, tenancyIds }: ChargeRentCommand): Promise<number> {
    const candidates = await this.unitOfWork.run((manager) => this.chargeable(manager, month, tenancyIds).select('t.id', 'id').getRawMany<{ id: string }>());
    const batches: string[][] = [];
    for (let i = 0; i < candidates.length; i += TENANCY_BATCH_SIZE) batches.push(candidates.slice(i, i + TENANCY_BATCH_SIZE).map((c) => c.id));
    // Batches hold disjoint rows, so a few run side by side: the database works on one while Node builds the next one's events.
    let charged = 0;
    let next = 0;
    const runs = await Promise.allSettled(
      Array.from({ length: Math.min(PARALLEL_BATCHES, batches.length) }, async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          const count = await this.unitOfWork.run((manager) => this.chargeBatch(manager, month, batch));
          charged += count;
        }
      }),
    );
    // A batch that failed rolled back alone; the job's retry charges what is still uncharged.
    const failed = runs.find((run): run is PromiseRejectedResult => run.status === 'rejected');
    if (failed) throw failed.reason;
    return charged;
  }

  /** Active (or ending, or ended) tenancies that cover a day of the month and have no charge for it yet. */
  private chargeable(manager: EntityManager, month: string, tenancyIds: readonly string[] | null) {
    const query = manager
      .createQueryBuilder(Tenancy, 't')
      .where(`t.status IN ('active', 'ending', 'ended') AND t.activated_on IS NOT NULL`)
      // chargeFor decides; this spares the tenancies ended long ago.
      .andWhere(`t.start_date < to_date(:month, 'YYYY-MM') + interval '1 month' AND COALESCE(t.ended_on, t.ends_on, t.end_date, 'infinity') >= to_date(:month, 'YYYY-MM')`, { month })
      .andWhere(`NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.tenancy_id = t.id AND e.kind = 'charge' AND e.month = :month)`, { month })
      .orderBy('t.id');
    return tenancyIds ? query.andWhere('t.id = ANY(:tenancyIds)', { tenancyIds }) : query;
  }

  /** Charges a batch of tenancies in one transaction; answers how many were charged. */
  private async chargeBatch(manager: EntityManager, month: string, ids: readonly string[]): Promise<number> {
    const tenancies = await this.chargeable(manager, month, ids).setLock('pessimistic_write').getMany();
    if (tenancies.length === 0) return 0;
    const today = this.clock.today();
    const indexations = await manager.createQueryBuilder(RentIndexation, 'r').where('r.tenancy_id = ANY(:ids)', { ids: tenancies.map((t) => t.id) }).getMany();
    const steps = groupBy(indexations, (s) => s.tenancyId);
    const due = tenancies
      .map((tenancy) => ({ tenancy, charge: monthCharge(tenancy, month, steps.get(tenancy.id) ?? []), chargeId: randomUUID(), benefitId: randomUUID() }))
      .filter((c): c is typeof c & { charge: MonthCharge } => c.charge !== null && c.charge.dueOn <= today);
    const booked = await this.batch.book(
      manager,
      due.map(({ tenancy, charge, chargeId }) => ledgerLine(chargeId, tenancy.id, 'charge', month, charge.amountCents, charge.dueOn, null)),
      SYSTEM_ACTOR.id,
      { onlyNew: true },
    );
    const charged = due.filter((c) => booked.has(c.chargeId));
    await this.batch.book(
      manager,
      charged.filter((c) => c.charge.benefitCents > 0).map(({ tenancy, charge, benefitId }) => ledgerLine(benefitId, tenancy.id, 'payment', month, charge.benefitCents, charge.dueOn, 'benefit')),
      SYSTEM_ACTOR.id,
    );

    const balanceAfterCharge = new Map<string, number>();
    for (const { tenancy, charge } of charged) {
      balanceAfterCharge.set(tenancy.id, tenancy.balanceCents + charge.amountCents);
      tenancy.balanceCents += charge.amountCents - charge.benefitCents;
    }
    const arrears = await this.batch.settle(manager, charged.map((c) => c.tenancy), today, SYSTEM_ACTOR);
    const byTenancy = new Map(charged.map((c) => [c.tenancy.id, c]));
    await this.batch.save(
      manager,
      charged.map((c) => c.tenancy),
      (tenancy, version): NewEvent[] => {
        const { charge, benefitId } = byTenancy.get(tenancy.id)!;
        const ref = toTenancyEventRef(tenancy);
        return [
          newEvent(RentCharged, {
            aggregateId: tenancy.id,
            aggregateVersion: version,
            actor: SYSTEM_ACTOR,
            payload: { ...ref, month, amountCents: charge.amountCents, dueDate: charge.dueOn, balanceCents: balanceAfterCharge.get(tenancy.id)! },
          }),
          ...(charge.benefitCents > 0
            ? [
                newEvent(PaymentRecorded, {
                  aggregateId: tenancy.id,
                  aggregateVersion: version,
                  actor: SYSTEM_ACTOR,
                  payload: { ...ref, paymentId: benefitId, amountCents: charge.benefitCents, receivedOn: charge.dueOn, source: 'benefit' as const, balanceCents: tenancy.balanceCents },
                }),
              ]
            : []),
          ...arrears.get(tenancy.id)!(version),
        ];
      },
    );
    return charged.length;
  }
}

/** The month's charge at the rent in force on its due date (an indexed rent applies from its effective day, docs/decisions/0024-rent-indexation-and-renewal-reminders.md). */
function monthCharge(tenancy: Tenancy, month: string, steps: readonly RentIndexation[]): MonthCharge | null {
  const dueOn = chargeFor({ ...tenancy, lastDay: tenancy.lastDay }, month)?.dueOn;
  const rentCents = dueOn ? rentOn(dueOn, steps, tenancy.rentCents) : tenancy.rentCents;
  return chargeFor({ ...tenancy, rentCents, lastDay: tenancy.lastDay }, month);
}

function ledgerLine(id: string, tenancyId: string, kind: 'charge' | 'payment', month: string, amountCents: number, bookedOn: string, source: 'benefit' | null): NewLedgerEntry {
  return { id, tenancyId, kind, month, amountCents, bookedOn, source, bankReference: null };
}
