import { EventEnvelope, PayloadOf, UnitBecameAvailable, UnitDrafted, UnitSnapshot, UnitUpdated } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { toCents } from '@hearth/platform';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordHeadLeaseCommand } from '../../head-leases/commands/record-head-lease/record-head-lease.handler';
import { OpenPendingDraftsCommand } from '../../tenancies/commands/open-tenancy-draft/open-tenancy-draft.handler';
import { RecordUnitChangeCommand } from './record-unit-change.handler';

type UnitAttributes = PayloadOf<typeof UnitDrafted>;

/** hearth.units → each flat's landlord and rent; a flat that becomes available has entered the
 *  scheme, so its head lease (or mandate) is recorded from its owner's agreement. */
@Injectable()
export class UnitEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private async describe({ payload: unit, aggregateVersion }: EventEnvelope<UnitAttributes>) {
    await this.commandBus.execute(
      new RecordUnitChangeCommand(unit.unitId, aggregateVersion, {
        landlordId: unit.landlordId,
        rentCents: toCents(unit.rent),
        serviceChargesCents: toCents(unit.serviceCharges),
        availableFrom: unit.availableFrom,
      }),
    );
    await this.commandBus.execute(new OpenPendingDraftsCommand(unit.unitId));
  }

  readonly subscriptions = [
    on(UnitDrafted, (e) => this.describe(e)),
    on(UnitUpdated, (e) => this.describe(e)),
    on(UnitSnapshot, (e) => this.describe(e)),
    on(UnitBecameAvailable, async (e) => {
      await this.describe(e);
      await this.commandBus.execute(new RecordHeadLeaseCommand(e.payload.unitId, e.payload.landlordId));
    }),
  ];
}
