import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownUnit } from '../known-records.entity';

export interface UnitTerms {
  landlordId: string;
  rentCents: number;
  serviceChargesCents: number;
  availableFrom: string | null;
}

export class RecordUnitChangeCommand extends Command<void> {
  constructor(
    readonly unitId: string,
    readonly unitVersion: number,
    readonly terms: UnitTerms,
  ) {
    super();
  }
}

/** Keeps each flat's landlord and asking rent (a tenancy draft starts from them); an older unit version changes nothing. */
@CommandHandler(RecordUnitChangeCommand)
export class RecordUnitChangeHandler implements ICommandHandler<RecordUnitChangeCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ unitId, unitVersion, terms }: RecordUnitChangeCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known = await manager.findOne(KnownUnit, { where: { id: unitId }, lock: { mode: 'pessimistic_write' } });
      if (known && unitVersion <= known.unitVersion) return;
      await manager.save(KnownUnit, { ...terms, id: unitId, unitVersion });
    });
  }
}
