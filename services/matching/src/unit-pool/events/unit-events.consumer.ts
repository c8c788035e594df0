import { UnitBecameAvailable, UnitLet, UnitReleased, UnitReserved, UnitSuspendedForRepairs, UnitWithdrawn } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordUnitChangeCommand, UnitChange } from './record-unit-change.handler';

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
  ];
}
