import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { KnownHousehold } from './known-household.entity';

export class RecordHouseholdCommand extends Command<void> {
  constructor(
    readonly householdId: string,
    readonly householdVersion: number,
    readonly reference: string,
    /** Undefined when the event does not say (the caseworker stays as it was). */
    readonly caseworkerId: string | null | undefined,
  ) {
    super();
  }
}

/** Keeps each household's reference and caseworker (who sees its cases); older events change nothing. */
@CommandHandler(RecordHouseholdCommand)
export class RecordHouseholdHandler implements ICommandHandler<RecordHouseholdCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ householdId, householdVersion, reference, caseworkerId }: RecordHouseholdCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known = await manager.findOne(KnownHousehold, { where: { householdId }, lock: { mode: 'pessimistic_write' } });
      if (known && householdVersion <= known.householdVersion) return;
      await manager.save(KnownHousehold, {
        householdId,
        reference,
        caseworkerId: caseworkerId === undefined ? (known?.caseworkerId ?? null) : caseworkerId,
        householdVersion,
      });
    });
  }
}
