import {
  EventEnvelope,
  UnitBecameAvailable,
  UnitDrafted,
  UnitLet,
  UnitReleased,
  UnitReserved,
  UnitSnapshot,
  UnitSubmittedForInspection,
  UnitSuspendedForRepairs,
  UnitUpdated,
  UnitVacating,
  UnitWithdrawn,
} from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Calendar } from '../../calendar/calendar';
import { FlatStatus, RecordFlatStepCommand } from '../commands/record-flat-step/record-flat-step.handler';

type UnitEvent = EventEnvelope<{ unitId: string; landlordId: string; district?: string; buildingId?: string }>;

/** hearth.units → each flat's status history (pending, available, reserved, let, vacating,
 *  withdrawn) and where it is (district, building), for vacancy and spread. */
@Injectable()
export class UnitEventsConsumer implements EventSubscriber {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly calendar: Calendar,
  ) {}

  private record(event: UnitEvent, status: FlatStatus | null) {
    const { unitId, landlordId, district, buildingId } = event.payload;
    const place = district !== undefined && buildingId !== undefined ? { landlordId, district, buildingId } : { landlordId };
    return this.commandBus.execute(
      new RecordFlatStepCommand(unitId, event.aggregateVersion, place, status ? { status, onDate: this.calendar.dayOf(event.occurredAt) } : null),
    );
  }

  readonly subscriptions = [
    on(UnitDrafted, (e) => this.record(e, 'draft')),
    on(UnitUpdated, (e) => this.record(e, null)),
    on(UnitSubmittedForInspection, (e) => this.record(e, 'pending_inspection')),
    on(UnitBecameAvailable, (e) => this.record(e, 'available')),
    on(UnitSuspendedForRepairs, (e) => this.record(e, 'pending_inspection')),
    on(UnitReserved, (e) => this.record(e, 'reserved')),
    on(UnitReleased, (e) => this.record(e, 'available')),
    on(UnitLet, (e) => this.record(e, 'let')),
    on(UnitVacating, (e) => this.record(e, 'vacating')),
    on(UnitWithdrawn, (e) => this.record(e, 'withdrawn')),
    // A snapshot tells where the flat is, not its history: its spells stay as the events told them.
    on(UnitSnapshot, (e) => this.record(e, null)),
  ];
}
