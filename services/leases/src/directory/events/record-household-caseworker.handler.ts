import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownHousehold } from '../known-records.entity';

export class RecordHouseholdCaseworkerCommand extends Command<void> {
  constructor(
    readonly householdId: string,
    readonly householdVersion: number,
    /** Undefined when the event does not say (the caseworker stays as it was). */
    readonly caseworkerId: string | null | undefined,
  ) {
    super();
  }
}

/** Keeps each household's caseworker, who may read its tenancy, balance and payment plan; older events change nothing. */
@CommandHandler(RecordHouseholdCaseworkerCommand)
export class RecordHouseholdCaseworkerHandler implements ICommandHandler<RecordHouseholdCaseworkerCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ householdId, householdVersion, caseworkerId }: RecordHouseholdCaseworkerCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known = await manager.findOne(KnownHousehold, { where: { householdId }, lock: { mode: 'pessimistic_write' } });
      if (known && householdVersion <= known.householdVersion) return;
      const caseworker = caseworkerId === undefined ? (known?.caseworkerId ?? null) : caseworkerId;
      await manager.save(KnownHousehold, { householdId, caseworkerId: caseworker, householdVersion });
    });
  }
}
