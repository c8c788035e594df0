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

/** Keeps each household's reference and caseworker (who sees its cases, and owns its arrival case's unowned tasks); older events change nothing. */
@CommandHandler(RecordHouseholdCommand)
export class RecordHouseholdHandler implements ICommandHandler<RecordHouseholdCommand> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  execute({ householdId, householdVersion, reference, caseworkerId }: RecordHouseholdCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      const known = await manager.findOne(KnownHousehold, { where: { householdId }, lock: { mode: 'pessimistic_write' } });
      if (known && householdVersion <= known.householdVersion) return;
      const caseworker = caseworkerId === undefined ? (known?.caseworkerId ?? null) : caseworkerId;
      await manager.save(KnownHousehold, { householdId, reference, caseworkerId: caseworker, householdVersion });
      if (caseworker) {
        // An arrival case opened before the caseworker was known (events of two topics arrive in any
        // order) gets them as the owner of whatever nobody owns yet.
        await manager.query(`UPDATE preparations SET owner_id = $2 WHERE household_id = $1 AND status = 'open' AND owner_id IS NULL`, [householdId, caseworker]);
        await manager.query(
          `UPDATE preparation_tasks SET owner_id = $2 WHERE owner_id IS NULL AND done_on IS NULL
              AND preparation_id IN (SELECT id FROM preparations WHERE household_id = $1 AND status = 'open')`,
          [householdId, caseworker],
        );
      }
    });
  }
}
