import { ActorRef, SYSTEM_ACTOR, TenancyEnded } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { MonthlyScheduler } from '../../../jobs/monthly.scheduler';
import { randomUUID } from 'node:crypto';
import { monthOf } from '../../../ledger/domain/calendar';
import { chargeFor } from '../../../ledger/domain/ledger';
import { LedgerEntry } from '../../../ledger/domain/ledger-entry.entity';
import { Tenancy } from '../../domain/tenancy.entity';
import { TenancyRepository } from '../../tenancy.repository';
import { toTenancyEventRef } from '../../tenancy.view';

export type EndResult = 'ended' | 'not_yet' | 'not_ending';

export class EndTenancyCommand extends Command<EndResult> {
  constructor(
    readonly tenancyId: string,
    readonly actor: ActorRef = SYSTEM_ACTOR,
  ) {
    super();
  }
}

/**
 * The day after an ending tenancy's last day: it has ended, with its final balance. The balance
 * stays on the ledger (arrears survive the end of a tenancy); the last month's charge is prorated.
 */
@CommandHandler(EndTenancyCommand)
export class EndTenancyHandler implements ICommandHandler<EndTenancyCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
    private readonly monthly: MonthlyScheduler,
  ) {}

  execute({ tenancyId, actor }: EndTenancyCommand): Promise<EndResult> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await manager.findOne(Tenancy, { where: { id: tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy || tenancy.status !== 'ending' || !tenancy.endsOn) return 'not_ending';
      const today = this.clock.today();
      if (tenancy.endsOn >= today) return 'not_yet';
      tenancy.apply('end');
      tenancy.endedOn = tenancy.endsOn;
      // The final account: months charged in full beyond the last day are credited back to what was owed.
      const charged = await manager.find(LedgerEntry, { where: { tenancyId, kind: 'charge' } });
      for (const charge of charged.filter((c) => c.month! >= monthOf(tenancy.endedOn!))) {
        const owed = chargeFor({ ...tenancy, lastDay: tenancy.endedOn }, charge.month!)?.amountCents ?? 0;
        if (charge.amountCents > owed) {
          await manager.query(
            `INSERT INTO ledger_entries (id, tenancy_id, kind, month, amount_cents, booked_on, source, recorded_by)
             VALUES ($1, $2, 'credit', $3, $4, $5, NULL, $6) ON CONFLICT DO NOTHING`,
            [randomUUID(), tenancyId, charge.month, charge.amountCents - owed, tenancy.endedOn, actor.id],
          );
        }
      }
      const arrears = await this.tenancies.settle(manager, tenancy, today, actor);
      await this.tenancies.save(manager, tenancy, (version) => [
        ...arrears(version),
        newEvent(TenancyEnded, {
          aggregateId: tenancy.id,
          aggregateVersion: version,
          actor,
          payload: {
            ...toTenancyEventRef(tenancy),
            landlordId: tenancy.landlordId,
            endedOn: tenancy.endedOn!,
            reason: tenancy.endReason as never,
            finalBalanceCents: tenancy.balanceCents,
          },
        }),
      ]);
      await this.tenancies.recordHistory(manager, tenancy.id, 'ended', actor, { endedOn: tenancy.endedOn, finalBalanceCents: tenancy.balanceCents });
      this.unitOfWork.afterCommit(() => this.monthly.catchUpTenancies(tenancy.id));
      return 'ended';
    });
  }
}
