import { ApplicantErased, ApplicantNeedsChanged, ApplicantResumed, ApplicantWaitlisted, CaseworkerAssigned, EventEnvelope, HouseholdSnapshot } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EraseHouseholdDataCommand } from '../../erasure/erase-household-data.handler';
import { RecordHouseholdCommand } from '../record-household.handler';

type WithCaseworker = { householdId: string; reference: string; caseworkerId?: string | null };

/** hearth.applicants → who each household's caseworker is (CaseworkerAssigned: a change whatever the household's status,
 *  housed included, decision 0018); erasure drops what mediation keeps about it. */
@Injectable()
export class ApplicantEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private record({ payload, aggregateVersion }: EventEnvelope<WithCaseworker>) {
    return this.commandBus.execute(new RecordHouseholdCommand(payload.householdId, aggregateVersion, payload.reference, payload.caseworkerId));
  }

  readonly subscriptions = [
    on(ApplicantWaitlisted, (e) => this.record(e)),
    on(ApplicantNeedsChanged, (e) => this.record(e)),
    on(ApplicantResumed, (e) => this.record(e)),
    on(CaseworkerAssigned, (e) => this.record(e)),
    on(HouseholdSnapshot, (e) => this.record(e as EventEnvelope<WithCaseworker>)),
    on(ApplicantErased, (e) => this.commandBus.execute(new EraseHouseholdDataCommand(e.payload.householdId))),
  ];
}
