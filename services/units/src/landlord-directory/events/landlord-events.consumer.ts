import {
  AgreementEnded,
  AgreementSigned,
  AgreementSignedV1,
  EventEnvelope,
  LandlordOffboarded,
  LandlordReactivated,
  LandlordRegistered,
  LandlordSnapshot,
  LandlordSuspended,
  LandlordVerified,
} from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { LandlordChange, RecordLandlordChangeCommand } from './record-landlord-change.handler';

@Injectable()
export class LandlordEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private record(event: EventEnvelope<{ landlordId: string }>, change: LandlordChange) {
    return this.commandBus.execute(new RecordLandlordChangeCommand(event.payload.landlordId, event.aggregateVersion, change));
  }

  readonly subscriptions = [
    on(LandlordRegistered, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(LandlordVerified, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(LandlordSuspended, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(LandlordReactivated, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(LandlordOffboarded, (e) => this.record(e, { kind: 'status', status: e.payload.status })),
    on(AgreementSigned, (e) => this.record(e, { kind: 'agreement_signed', agreementId: e.payload.agreementId })),
    on(AgreementSignedV1, (e) => this.record(e, { kind: 'agreement_signed', agreementId: e.payload.agreementId })),
    on(AgreementEnded, (e) => this.record(e, { kind: 'agreement_ended', agreementId: e.payload.agreementId })),
    on(LandlordSnapshot, (e) =>
      this.record(e, { kind: 'snapshot', status: e.payload.status, signedAgreementIds: e.payload.signedAgreements.map((a) => a.agreementId) }),
    ),
  ];
}
