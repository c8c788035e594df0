import { Actor } from '@hearth/auth';
import { UnitUpdated } from '@hearth/contracts';
import { newEvent } from '@hearth/messaging';
import { assertExpectedVersion, UnitOfWork } from '@hearth/persistence';
import { InvalidTransitionError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertConsistentUnit } from '../../domain/unit-rules';
import { UnitRepository } from '../../unit.repository';
import { toUnitEventAttributes, toUnitView, UnitView } from '../../unit.view';
import { UpdateUnitDto } from './update-unit.dto';

export class UpdateUnitCommand extends Command<UnitView> {
  constructor(
    readonly unitId: string,
    readonly input: UpdateUnitDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(UpdateUnitCommand)
export class UpdateUnitHandler implements ICommandHandler<UpdateUnitCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly units: UnitRepository,
  ) {}

  execute({ unitId, input, actor }: UpdateUnitCommand): Promise<UnitView> {
    const { expectedVersion, ...changes } = input;
    return this.unitOfWork.run(async (manager) => {
      const unit = await this.units.getForUpdate(manager, unitId, actor);
      assertExpectedVersion('Unit', unit, expectedVersion);
      if (unit.status !== 'draft') {
        throw new InvalidTransitionError('UNIT.NOT_DRAFT', 'A unit can be edited only while it is a draft');
      }
      Object.assign(unit, changes);
      assertConsistentUnit(unit);
      await this.units.save(manager, unit, (version) => [
        newEvent(UnitUpdated, { aggregateId: unit.id, aggregateVersion: version, payload: toUnitEventAttributes(unit), actor }),
      ]);
      return toUnitView(unit);
    });
  }
}
