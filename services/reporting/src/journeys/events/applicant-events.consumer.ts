import {
  ApplicantAssessed,
  ApplicantErased,
  ApplicantExited,
  ApplicantExitedV1,
  ApplicantNeedsChanged,
  ApplicantOffered,
  ApplicantPaused,
  ApplicantPausedV1,
  ApplicantRegistered,
  ApplicantResumed,
  ApplicantWaitlisted,
  ApplicantWithdrawn,
  ApplicantWithdrawnV1,
  ConsentWithdrawn,
  EventEnvelope,
} from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Calendar } from '../../calendar/calendar';
import { HouseholdFacts, HouseholdStep, RecordHouseholdStepCommand } from '../commands/record-household-step/record-household-step.handler';

type HouseholdEvent = EventEnvelope<{ householdId: string }>;

/** hearth.applicants → each household's journey (steps and their days), without anything personal:
 *  no reference code, no attribute of the person, no reason (v1 events' reasons are not kept). */
@Injectable()
export class ApplicantEventsConsumer implements EventSubscriber {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly calendar: Calendar,
  ) {}

  private record(event: HouseholdEvent, step: HouseholdStep | null, options: { onDate?: string; priority?: number; facts?: HouseholdFacts & { erasedOn?: string } } = {}) {
    const onDate = options.onDate ?? this.calendar.dayOf(event.occurredAt);
    return this.commandBus.execute(
      new RecordHouseholdStepCommand(event.payload.householdId, event.aggregateVersion, step ? { step, onDate, priority: options.priority } : null, options.facts),
    );
  }

  readonly subscriptions = [
    on(ApplicantRegistered, (e) =>
      this.record(e, 'registered', { onDate: e.payload.registeredOn, facts: { programme: e.payload.programme, registeredOn: e.payload.registeredOn } }),
    ),
    on(ApplicantAssessed, (e) => this.record(e, 'assessed', { onDate: e.payload.assessedOn, priority: e.payload.priority })),
    on(ApplicantWaitlisted, (e) =>
      this.record(e, 'waitlisted', { priority: e.payload.priority, facts: { programme: e.payload.programme, registeredOn: e.payload.waitingSince } }),
    ),
    on(ApplicantNeedsChanged, (e) => this.record(e, 'priority_changed', { priority: e.payload.priority, facts: { programme: e.payload.programme } })),
    on(ApplicantOffered, (e) => this.record(e, 'offered')),
    on(ApplicantPausedV1, (e) => this.record(e, 'paused')),
    on(ApplicantPaused, (e) => this.record(e, 'paused')),
    on(ConsentWithdrawn, (e) => this.record(e, e.payload.status === 'paused' ? 'paused' : null)),
    on(ApplicantResumed, (e) =>
      // Resumed onto the waitlist (with its matching attributes) or back to an earlier step.
      this.record(e, e.payload.status === 'waitlisted' ? 'waitlisted' : 'resumed', { priority: e.payload.priority, facts: { programme: e.payload.programme } }),
    ),
    on(ApplicantWithdrawnV1, (e) => this.record(e, 'withdrawn')),
    on(ApplicantWithdrawn, (e) => this.record(e, 'withdrawn')),
    on(ApplicantExitedV1, (e) => this.record(e, 'exited')),
    on(ApplicantExited, (e) => this.record(e, 'exited')),
    on(ApplicantErased, (e) => this.record(e, null, { facts: { erasedOn: e.payload.erasedOn } })),
  ];
}
