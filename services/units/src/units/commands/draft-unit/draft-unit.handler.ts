import { Actor } from '@hearth/auth';
import { UnitDrafted } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Unit } from '../../domain/unit.entity';
import { assertConsistentUnit } from '../../domain/unit-rules';
import { UnitRepository } from '../../unit.repository';
import { toUnitEventAttributes, toUnitView, UnitView } from '../../unit.view';
import { DraftUnitDto } from './draft-unit.dto';

export class DraftUnitCommand extends Command<UnitView> {
  constructor(
    readonly input: DraftUnitDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(DraftUnitCommand)
export class DraftUnitHandler implements ICommandHandler<DraftUnitCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitRepository,
  ) {}

  execute({ input, actor }: DraftUnitCommand): Promise<UnitView> {
    const { landlordId: requestedLandlordId, ...attributes } = input;
    const landlordId = actor.role === 'landlord' ? actor.landlordId : requestedLandlordId;
    if (!landlordId) throw new ValidationError([{ field: 'landlordId', message: 'is required' }]);
    if (actor.role === 'landlord' && requestedLandlordId && requestedLandlordId !== landlordId) {
      throw new ValidationError([{ field: 'landlordId', message: 'a landlord can only list their own flats' }]);
    }
    assertConsistentUnit(attributes);
    return this.unitOfWork.run(async (manager) => {
      await this.units.activeLandlord(manager, landlordId, { requireAgreement: false });
      const unit = manager.create(Unit, { ...attributes, id: randomUUID(), version: 0, landlordId, status: 'draft', withdrawalReason: null, reservedOfferId: null });
      await this.units.save(manager, unit, (version) => [
        newEvent(UnitDrafted, { aggregateId: unit.id, aggregateVersion: version, payload: toUnitEventAttributes(unit), actor }),
      ]);
      return toUnitView(await manager.findOneByOrFail(Unit, { id: unit.id }));
    });
  }
}
