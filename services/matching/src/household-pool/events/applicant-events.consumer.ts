import {
  ApplicantErased,
  ApplicantExited,
  ApplicantExitedV1,
  ApplicantNeedsChanged,
  ApplicantOffered,
  ApplicantPaused,
  ApplicantPausedV1,
  ApplicantResumed,
  ApplicantWaitlisted,
  ApplicantWithdrawn,
  ApplicantWithdrawnV1,
  CaseworkerAssigned,
  ConsentWithdrawn,
  EventEnvelope,
  HouseholdSnapshot,
  MatchingAttributes,
  PayloadOf,
} from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { HouseholdChange, RecordHouseholdChangeCommand } from './record-household-change.handler';

type Resumed = PayloadOf<typeof ApplicantResumed>;

/** A resumed household carries its matching attributes when it is waitlisted again; otherwise only its status. */
function resumedChange(payload: Resumed): HouseholdChange {
  const { householdSize, bedroomsNeeded, maxRent, wheelchair, stepFree, pets, excludedDistricts, preferredDistricts, priority, waitingSince } = payload;
  if (
    householdSize === undefined ||
    bedroomsNeeded === undefined ||
    maxRent === undefined ||
    wheelchair === undefined ||
    stepFree === undefined ||
    pets === undefined ||
    excludedDistricts === undefined ||
    preferredDistricts === undefined ||
    priority === undefined ||
    waitingSince === undefined
  ) {
    return { kind: 'status', status: payload.status };
  }
  const attributes: MatchingAttributes = {
    ...payload,
    householdSize,
    bedroomsNeeded,
    maxRent,
    wheelchair,
    stepFree,
    pets,
    excludedDistricts,
    preferredDistricts,
    priority,
    waitingSince,
  };
  return { kind: 'attributes', attributes };
}

@Injectable()
export class ApplicantEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private record(event: EventEnvelope<{ householdId: string }>, change: HouseholdChange) {
    return this.commandBus.execute(new RecordHouseholdChangeCommand(event.payload.householdId, event.aggregateVersion, change));
  }

  readonly subscriptions = [
    on(ApplicantWaitlisted, (e) => this.record(e, { kind: 'attributes', attributes: e.payload })),
    on(ApplicantNeedsChanged, (e) => this.record(e, { kind: 'attributes', attributes: e.payload })),
    on(ApplicantResumed, (e) => this.record(e, resumedChange(e.payload))),
    // Who answers the household's offers from now on (a change of caseworker publishes this alone, decision 0018).
    on(CaseworkerAssigned, (e) => this.record(e, { kind: 'caseworker', caseworkerId: e.payload.caseworkerId })),
    // Applicants' answer to OfferMade: out of the pool until the offer is answered (the offer itself stays).
    on(ApplicantOffered, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    // Version 1 of these carried the reason; matching only ever read the status, from either version.
    on(ApplicantPaused, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(ApplicantPausedV1, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(ConsentWithdrawn, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(ApplicantWithdrawn, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(ApplicantWithdrawnV1, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(ApplicantExited, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(ApplicantExitedV1, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(ApplicantErased, (e) => this.record(e, { kind: 'erased' })),
    // A snapshot with matching attributes is the household as matching knows it; one without
    // (not assessed yet, or erased) has nothing for the pool.
    on(HouseholdSnapshot, async (e) => {
      if ('householdSize' in e.payload) await this.record(e, { kind: 'attributes', attributes: e.payload });
    }),
  ];
}
