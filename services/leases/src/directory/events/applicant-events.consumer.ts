import { ApplicantNeedsChanged, ApplicantResumed, ApplicantWaitlisted, CaseworkerAssigned, EventEnvelope, HouseholdSnapshot } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordHouseholdCaseworkerCommand } from './record-household-caseworker.handler';

type WithCaseworker = { householdId: string; caseworkerId?: string | null };

/** hearth.applicants → who each household's caseworker is (the events that carry it, as matching and mediation read them);
 *  CaseworkerAssigned tells of a change whatever the household's status, housed included (decision 0018). */
@Injectable()
export class ApplicantEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private record({ payload, aggregateVersion }: EventEnvelope<WithCaseworker>) {
    return this.commandBus.execute(new RecordHouseholdCaseworkerCommand(payload.householdId, aggregateVersion, payload.caseworkerId));
  }

  readonly subscriptions = [
    on(ApplicantWaitlisted, (e) => this.record(e)),
    on(ApplicantNeedsChanged, (e) => this.record(e)),
    on(ApplicantResumed, (e) => this.record(e)),
    on(CaseworkerAssigned, (e) => this.record(e)),
    on(HouseholdSnapshot, (e) => this.record(e as EventEnvelope<WithCaseworker>)),
  ];
}
