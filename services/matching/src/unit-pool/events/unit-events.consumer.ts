import { PayloadOf, UnitBecameAvailable, UnitLet, UnitReleased, UnitReserved, UnitSnapshot, UnitSuspendedForRepairs, UnitWithdrawn } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordUnitChangeCommand, UnitChange } from './record-unit-change.handler';

/** What a snapshot means to the pool: available, or known with its status (a vacating flat counts
 *  as let); a draft has never been offered to the agency's households, so the pool ignores it. */
function snapshotChange({ status, ...attributes }: PayloadOf<typeof UnitSnapshot>): UnitChange | null {
  if (status === 'draft') return null;
  if (status === 'available') return { kind: 'available', attributes };
  return { kind: 'known', attributes, status: status === 'vacating' ? 'let' : status };
}

@Injectable()
export class UnitEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private record(unitId: string, unitVersion: number, change: UnitChange) {
    return this.commandBus.execute(new RecordUnitChangeCommand(unitId, unitVersion, change));
  }

  readonly subscriptions = [
    on(UnitBecameAvailable, (e) => this.record(e.payload.unitId, e.aggregateVersion, { kind: 'available', attributes: e.payload })),
    on(UnitReleased, (e) => this.record(e.payload.unitId, e.aggregateVersion, { kind: 'released' })),
    on(UnitReserved, (e) => this.record(e.payload.unitId, e.aggregateVersion, { kind: 'status', status: 'reserved' })),
    on(UnitLet, (e) => this.record(e.payload.unitId, e.aggregateVersion, { kind: 'status', status: 'let' })),
    on(UnitWithdrawn, (e) => this.record(e.payload.unitId, e.aggregateVersion, { kind: 'status', status: 'withdrawn' })),
    on(UnitSuspendedForRepairs, (e) => this.record(e.payload.unitId, e.aggregateVersion, { kind: 'status', status: 'pending_inspection' })),
    on(UnitSnapshot, async (e) => {
      const change = snapshotChange(e.payload);
      if (change) await this.record(e.payload.unitId, e.aggregateVersion, change);
    }),
  ];
}
