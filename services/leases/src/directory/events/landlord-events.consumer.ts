import { AgreementEnded, AgreementSigned, AgreementSignedV1, EventEnvelope, LandlordRegistered, LandlordSnapshot } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { toCents } from '@hearth/platform';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordPendingHeadLeasesCommand } from '../../head-leases/commands/record-head-lease/record-head-lease.handler';
import { LandlordChange, RecordLandlordChangeCommand } from './record-landlord-change.handler';

/** hearth.landlords → the agreements a flat's head lease is recorded from, and the language of the owner's documents. */
@Injectable()
export class LandlordEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private async record(event: EventEnvelope<{ landlordId: string }>, change: LandlordChange) {
    await this.commandBus.execute(new RecordLandlordChangeCommand(event.payload.landlordId, event.aggregateVersion, change));
    // Flats of this landlord that entered the scheme before the agreement was heard get their head lease now.
    if (change.kind === 'agreement_signed' || change.kind === 'snapshot') await this.commandBus.execute(new RecordPendingHeadLeasesCommand(event.payload.landlordId));
  }

  readonly subscriptions = [
    on(LandlordRegistered, (e) => this.record(e, { kind: 'registered', preferredLanguage: e.payload.preferredLanguage ?? null })),
    on(AgreementSigned, (e) =>
      this.record(e, {
        kind: 'agreement_signed',
        agreementId: e.payload.agreementId,
        scheme: e.payload.scheme,
        startDate: e.payload.startDate,
        endDate: e.payload.endDate,
        guaranteedRentCents: toCents(e.payload.guaranteedMonthlyRent),
        coverage: {
          rentArrears: e.payload.coverage.rentArrears,
          vacancy: e.payload.coverage.vacancy,
          damageCapCents: toCents(e.payload.coverage.damageCap),
          legalCosts: e.payload.coverage.legalCosts,
        },
        renovationLoan: e.payload.renovationLoan
          ? { principalCents: toCents(e.payload.renovationLoan.amount), monthlyCents: toCents(e.payload.renovationLoan.monthlyRepayment) }
          : null,
      }),
    ),
    on(AgreementSignedV1, (e) =>
      this.record(e, {
        kind: 'agreement_signed',
        agreementId: e.payload.agreementId,
        scheme: e.payload.scheme,
        startDate: e.payload.startDate,
        endDate: e.payload.endDate,
        guaranteedRentCents: toCents(e.payload.guaranteedMonthlyRent),
        coverage: null,
        renovationLoan: null,
      }),
    ),
    on(AgreementEnded, (e) => this.record(e, { kind: 'agreement_ended', agreementId: e.payload.agreementId, endedOn: e.payload.endedOn })),
    on(LandlordSnapshot, (e) =>
      this.record(e, {
        kind: 'snapshot',
        preferredLanguage: e.payload.preferredLanguage ?? null,
        agreements: e.payload.signedAgreements.map((a) => ({
          agreementId: a.agreementId,
          scheme: a.scheme,
          startDate: a.startDate,
          endDate: a.endDate,
          guaranteedRentCents: toCents(a.guaranteedMonthlyRent),
          coverage: null,
          renovationLoan: null,
        })),
      }),
    ),
  ];
}
