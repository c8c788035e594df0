import { RentIndexed, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent, NewEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeasesClock } from '../../../clock';
import { LedgerEntry } from '../../../ledger/domain/ledger-entry.entity';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { toTenancyEventRef } from '../../../tenancies/tenancy.view';
import { anniversariesReached, baseIndexMonth, effectiveOn, indexedRentCents, newIndexMonth } from '../../domain/indexation';
import { IndexValue, RentIndexation } from '../../domain/indexation.entity';

export const RENT_INDEX_SERIES = Symbol('RENT_INDEX_SERIES');

export type IndexRentResult = 'indexed' | 'up_to_date' | 'waiting_for_index' | 'not_indexed';

export class IndexRentCommand extends Command<IndexRentResult> {
  constructor(readonly tenancyId: string) {
    super();
  }
}

/**
 * Indexes a tenancy's rent on every anniversary reached and not yet indexed, in order, from the
 * configured index series (docs/decisions/0024-rent-indexation-and-renewal-reminders.md). An anniversary whose index value is not published
 * yet waits: the sweep asks again the next time, and nothing later is indexed before it.
 */
@CommandHandler(IndexRentCommand)
export class IndexRentHandler implements ICommandHandler<IndexRentCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly clock: LeasesClock,
    @Inject(RENT_INDEX_SERIES) private readonly series: string,
  ) {}

  execute({ tenancyId }: IndexRentCommand): Promise<IndexRentResult> {
    return this.unitOfWork.run(async (manager) => {
      const tenancy = await manager.findOne(Tenancy, { where: { id: tenancyId }, lock: { mode: 'pessimistic_write' } });
      if (!tenancy || !tenancy.activatedOn || (tenancy.status !== 'active' && tenancy.status !== 'ending')) return 'not_indexed';
      const today = this.clock.today();
      const done = await manager.find(RentIndexation, { where: { tenancyId }, order: { anniversary: 'ASC' } });
      const doneOn = new Set(done.map((d) => d.anniversary));
      const due = anniversariesReached(tenancy.startDate, today).filter((a) => !doneOn.has(a.on) && (!tenancy.lastDay || a.on <= tenancy.lastDay));
      if (due.length === 0) return 'up_to_date';
      const baseRentCents = done[0]?.baseRentCents ?? tenancy.rentCents;
      const baseMonth = baseIndexMonth(tenancy.startDate);
      const base = await manager.findOneBy(IndexValue, { series: this.series, month: baseMonth });
      if (!base) return 'waiting_for_index';
      const [last] = await manager.find(LedgerEntry, { where: { tenancyId, kind: 'charge' }, order: { month: 'DESC' }, take: 1 });
      const events: ((version: number) => NewEvent)[] = [];
      let result: IndexRentResult = 'waiting_for_index';
      for (const { on } of due) {
        const newMonth = newIndexMonth(on);
        const index = await manager.findOneBy(IndexValue, { series: this.series, month: newMonth });
        if (!index) break;
        const previousRentCents = tenancy.rentCents;
        const newRentCents = indexedRentCents(baseRentCents, base.value, index.value);
        const from = effectiveOn(on, last?.month ?? null);
        await manager.insert(RentIndexation, {
          tenancyId,
          anniversary: on,
          effectiveOn: from,
          previousRentCents,
          newRentCents,
          baseRentCents,
          series: this.series,
          baseMonth,
          baseIndex: base.value,
          newMonth,
          newIndex: index.value,
          appliedOn: today,
        });
        tenancy.rentCents = newRentCents;
        const ref = toTenancyEventRef(tenancy);
        events.push((version) =>
          newEvent(RentIndexed, { aggregateId: tenancy.id, aggregateVersion: version, actor: SYSTEM_ACTOR, payload: { ...ref, effectiveOn: from, previousRentCents, newRentCents, indexSeries: this.series } }),
        );
        result = 'indexed';
      }
      if (events.length > 0) await this.tenancies.save(manager, tenancy, (version) => events.map((e) => e(version)));
      return result;
    });
  }
}
