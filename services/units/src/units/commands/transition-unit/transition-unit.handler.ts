import { Actor } from '@hearth/auth';
import { UnitSubmittedForInspection, UnitWithdrawn } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitRepository } from '../../unit.repository';
import { toUnitEventAttributes, toUnitView, UnitView } from '../../unit.view';

export type UnitRequest = { kind: 'submit' } | { kind: 'withdraw'; reason: string };

export class TransitionUnitCommand extends Command<UnitView> {
  constructor(
    readonly unitId: string,
    readonly request: UnitRequest,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** What a landlord or staff member asks of a flat directly: submit it for inspection, or
 *  withdraw it. (Availability, reservation and letting follow other services' events.) */
@CommandHandler(TransitionUnitCommand)
export class TransitionUnitHandler implements ICommandHandler<TransitionUnitCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitRepository,
  ) {}

  execute({ unitId, request, actor, expectedVersion }: TransitionUnitCommand): Promise<UnitView> {
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.getForUpdate(manager, unitId, actor);
      assertExpectedVersion('Unit', unit, expectedVersion);
      if (request.kind === 'submit') {
        unit.apply('submit_for_inspection');
        await this.units.activeLandlord(manager, unit.landlordId, { requireAgreement: true });
        await this.units.save(manager, unit, (version) => [
          newEvent(UnitSubmittedForInspection, { aggregateId: unit.id, aggregateVersion: version, payload: toUnitEventAttributes(unit), actor }),
        ]);
      } else {
        unit.apply('withdraw');
        unit.withdrawalReason = request.reason;
        await this.units.save(manager, unit, (version) => [
          newEvent(UnitWithdrawn, {
            aggregateId: unit.id,
            aggregateVersion: version,
            payload: { unitId: unit.id, landlordId: unit.landlordId, reason: request.reason },
            actor,
          }),
        ]);
      }
      return toUnitView(unit);
    });
  }
}
