import { UnitOfWork } from '@hearth/persistence';
import { normalizeCode } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownUnit } from '../known-unit.entity';

type Description = { landlordId: string; address: string; postalCode: string; city: string; district: string; buildingId: string };

export type UnitChange =
  | ({ kind: 'described' } & Description)
  | { kind: 'withdrawn' }
  /** The whole state, from a snapshot (the directory being rebuilt). */
  | ({ kind: 'snapshot'; withdrawn: boolean } & Description);

export class RecordUnitChangeCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly unitVersion: number,
    readonly change: UnitChange,
  ) {
    super();
  }
}

/** Codes as units normalises them at its edge, also when an older event carried them as typed. */
function normalized<C extends Description>(change: C): C {
  return { ...change, postalCode: normalizeCode(change.postalCode), district: normalizeCode(change.district), buildingId: normalizeCode(change.buildingId) };
}

/** Keeps the unit directory in step with hearth.units; an event older than what is already
 *  applied (per unit version) changes nothing. */
@CommandHandler(RecordUnitChangeCommand)
export class RecordUnitChangeHandler implements ICommandHandler<RecordUnitChangeCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ unitId, unitVersion, change }: RecordUnitChangeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known = await manager.findOne(KnownUnit, { where: { id: unitId }, lock: { mode: 'pessimistic_write' } });
      if (known && unitVersion <= known.unitVersion) return;
      if (change.kind === 'withdrawn') {
        // A unit never described to us has no inspections to stop.
        if (!known) return;
        await manager.update(KnownUnit, { id: unitId }, { withdrawn: true, unitVersion });
        return;
      }
      if (change.kind === 'snapshot') {
        const { kind: _kind, ...state } = normalized(change);
        await manager.save(KnownUnit, { ...state, id: unitId, unitVersion });
        return;
      }
      const { kind: _kind, ...description } = normalized(change);
      await manager.save(KnownUnit, { withdrawn: false, ...known, ...description, id: unitId, unitVersion });
    });
  }
}
