import {
  AllocationRunApproved,
  AllocationRunCompleted,
  AllocationRunRejected,
  EventEnvelope,
  OfferAccepted,
  OfferDeclined,
  OfferExpired,
  OfferMade,
  OfferProposed,
  OfferWithdrawn,
} from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Calendar } from '../../calendar/calendar';
import { RecordAllocationRunCommand } from '../../runs/commands/record-allocation-run/record-allocation-run.handler';
import { OfferFacts, RecordOfferStepCommand } from '../commands/record-offer-step/record-offer-step.handler';

type OfferEvent = EventEnvelope<{ offerId: string; unitId: string; householdId: string }>;

/** hearth.matching → offers (each step's day, decline reasons and parties) and allocation runs
 *  (counts, caps, the board's decision and the departures from strict priority order, by flat and
 *  priority). Households' ids in departures, notes and censuses stay in matching. */
@Injectable()
export class MatchingEventsConsumer implements EventSubscriber {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly calendar: Calendar,
  ) {}

  private offer(event: OfferEvent, facts: (day: string) => OfferFacts) {
    const { offerId, unitId, householdId } = event.payload;
    return this.commandBus.execute(new RecordOfferStepCommand(offerId, unitId, householdId, facts(this.calendar.dayOf(event.occurredAt))));
  }

  readonly subscriptions = [
    on(OfferProposed, (e) => this.offer(e, (day) => ({ proposedOn: day, source: e.payload.source, runId: e.payload.runId }))),
    on(OfferMade, (e) => this.offer(e, (day) => ({ madeOn: day }))),
    on(OfferAccepted, (e) => this.offer(e, () => ({ acceptedOn: this.calendar.dayOf(e.payload.acceptedAt) }))),
    on(OfferDeclined, (e) => this.offer(e, (day) => ({ declinedOn: day, declineReason: e.payload.reason, declineParty: e.payload.party }))),
    on(OfferExpired, (e) => this.offer(e, (day) => ({ expiredOn: day }))),
    on(OfferWithdrawn, (e) => this.offer(e, (day) => ({ withdrawnOn: day, withdrawnFrom: e.payload.previousStatus, withdrawalReason: e.payload.reason }))),
    on(AllocationRunCompleted, (e) =>
      this.commandBus.execute(
        new RecordAllocationRunCommand(
          e.payload.runId,
          e.payload.mode,
          {
            completedOn: this.calendar.dayOf(e.occurredAt),
            units: e.payload.units,
            households: e.payload.households,
            proposals: e.payload.proposals,
            certificateValid: e.payload.certificateValid,
            approvalRequired: e.payload.approvalRequired,
            // With the moment, so that of two runs completed the same day the later one's caps hold.
            caps: e.payload.caps ? JSON.stringify({ ...e.payload.caps, completedAt: e.occurredAt }) : undefined,
          },
          // Without approval the proposals became offers when the run completed.
          { decidedOn: this.calendar.dayOf(e.occurredAt), list: e.payload.departures ?? [] },
        ),
      ),
    ),
    on(AllocationRunApproved, (e) =>
      this.commandBus.execute(
        new RecordAllocationRunCommand(
          e.payload.runId,
          e.payload.mode,
          {
            approvedOn: this.calendar.dayOf(e.occurredAt),
            offersProposed: e.payload.offersProposed,
            excluded: e.payload.excluded,
            skipped: e.payload.skipped,
            approvedPoint: e.payload.approvedPoint,
            noteRecorded: e.payload.noteRecorded,
          },
          { decidedOn: this.calendar.dayOf(e.occurredAt), list: e.payload.departures ?? [] },
        ),
      ),
    ),
    on(AllocationRunRejected, (e) => this.commandBus.execute(new RecordAllocationRunCommand(e.payload.runId, e.payload.mode, { rejectedOn: this.calendar.dayOf(e.occurredAt) }))),
  ];
}
