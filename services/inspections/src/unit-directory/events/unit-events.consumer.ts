import { EventEnvelope, PayloadOf, UnitDrafted, UnitSnapshot, UnitSubmittedForInspection, UnitUpdated, UnitVacating, UnitWithdrawn } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CancelUnitInspectionsCommand } from '../../inspections/commands/cancel-unit-inspections/cancel-unit-inspections.handler';
import { OpenUnitInspectionCommand } from '../../inspections/commands/open-unit-inspection/open-unit-inspection.handler';
import { RecordUnitChangeCommand } from './record-unit-change.handler';

type UnitAttributes = PayloadOf<typeof UnitDrafted>;

/** hearth.units → the unit directory; a submitted unit gets its initial inspection request, a
 *  vacating one (its tenancy was given notice) its move-out inspection request, a withdrawn one has
 *  its open inspections cancelled. */
@Injectable()
export class UnitEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  private describe({ payload: unit, aggregateVersion }: EventEnvelope<UnitAttributes>) {
    return this.commandBus.execute(
      new RecordUnitChangeCommand(unit.unitId, aggregateVersion, {
        kind: 'described',
        landlordId: unit.landlordId,
        address: unit.address,
        postalCode: unit.postalCode,
        city: unit.city,
        district: unit.district,
        buildingId: unit.buildingId,
      }),
    );
  }

  readonly subscriptions = [
    on(UnitDrafted, (e) => this.describe(e)),
    on(UnitUpdated, (e) => this.describe(e)),
    on(UnitSubmittedForInspection, async (e) => {
      await this.describe(e);
      await this.commandBus.execute(new OpenUnitInspectionCommand(e.payload.unitId, e.aggregateVersion, 'initial'));
    }),
    on(UnitVacating, (e) => this.commandBus.execute(new OpenUnitInspectionCommand(e.payload.unitId, e.aggregateVersion, 'move_out'))),
    on(UnitSnapshot, ({ payload: unit, aggregateVersion }) =>
      this.commandBus.execute(
        new RecordUnitChangeCommand(unit.unitId, aggregateVersion, {
          kind: 'snapshot',
          landlordId: unit.landlordId,
          address: unit.address,
          postalCode: unit.postalCode,
          city: unit.city,
          district: unit.district,
          buildingId: unit.buildingId,
          withdrawn: unit.status === 'withdrawn',
        }),
      ),
    ),
    on(UnitWithdrawn, async (e) => {
      await this.commandBus.execute(new RecordUnitChangeCommand(e.payload.unitId, e.aggregateVersion, { kind: 'withdrawn' }));
      await this.commandBus.execute(new CancelUnitInspectionsCommand(e.payload.unitId, 'The unit was withdrawn from the agency'));
    }),
  ];
}
