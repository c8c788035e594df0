import { PaymentRecorded, RentCharged, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { LeasesClock } from '../../../clock';
import { rentOn } from '../../../indexation/domain/indexation';
import { RentIndexation } from '../../../indexation/domain/indexation.entity';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { chargeFor } from '../../domain/ledger';
import { LedgerEntry } from '../../domain/ledger-entry.entity';

export type ChargeResult = 'charged' | 'already_charged' | 'not_charged';

export class ChargeRentCommand extends Command<ChargeResult> {
  constructor(
    readonly tenancyId: string,
    readonly month: string,
  ) {
    super();
  }
}

/**
 * Books one month's rent and service charges on a tenancy's ledger (prorated in a first or last
 * partial month), and the part a benefit agency pays directly as a payment of the same month.
 * Never twice: a charge already booked for the month (unique index) changes nothing.
 */
@CommandHandler(ChargeRentCommand)
export class ChargeRentHandler implements ICommandHandler<ChargeRentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
  ) {}

  execute({ tenancyId, month }: ChargeRentCommand): Promise<ChargeResult> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await manager.findOne(Tenancy, { where: { id: tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy || !tenancy.activatedOn || !['active', 'ending', 'ended'].includes(tenancy.status)) return 'not_charged';
      if (await manager.existsBy(LedgerEntry, { tenancyId, kind: 'charge', month })) return 'already_charged';
      const today = this.clock.today();
      // The rent in force on the month's due date: an indexed rent applies from its effective day (docs/decisions/0024-rent-indexation-and-renewal-reminders.md).
      const steps = await manager.find(RentIndexation, { where: { tenancyId } });
      const dueOn = chargeFor({ ...tenancy, lastDay: tenancy.lastDay }, month)?.dueOn;
      const rentCents = dueOn ? rentOn(dueOn, steps, tenancy.rentCents) : tenancy.rentCents;
      const charge = chargeFor({ ...tenancy, rentCents, lastDay: tenancy.lastDay }, month);
      if (!charge || charge.dueOn > today) return 'not_charged';
      const chargeId = randomUUID();
      await manager.insert(LedgerEntry, {
        id: chargeId,
        tenancyId,
        kind: 'charge',
        month,
        amountCents: charge.amountCents,
        bookedOn: charge.dueOn,
        source: null,
        bankReference: null,
        recordedBy: SYSTEM_ACTOR.id,
      });
      const benefitId = randomUUID();
      if (charge.benefitCents > 0) {
        await manager.insert(LedgerEntry, {
          id: benefitId,
          tenancyId,
          kind: 'payment',
          month,
          amountCents: charge.benefitCents,
          bookedOn: charge.dueOn,
          source: 'benefit',
          bankReference: null,
          recordedBy: SYSTEM_ACTOR.id,
        });
      }
      const balanceAfterCharge = tenancy.balanceCents + charge.amountCents;
      const arrears = await this.tenancies.settle(manager, tenancy, today, SYSTEM_ACTOR);
      const ref = toTenancyEventRef(tenancy);
      await this.tenancies.save(manager, tenancy, (version): NewEvent[] => [
        newEvent(RentCharged, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor: SYSTEM_ACTOR,
          payload: { ...ref, month, amountCents: charge.amountCents, dueDate: charge.dueOn, balanceCents: balanceAfterCharge },
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
        ...arrears(version),
      ]);
      return 'charged';
    });
  }
}
