import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DailySnapshots } from '../../../snapshots/daily-snapshots';
import { JOURNEY_COLUMNS, journeySummary } from '../../household-journey';

export type HouseholdStep = 'registered' | 'assessed' | 'waitlisted' | 'priority_changed' | 'offered' | 'paused' | 'resumed' | 'withdrawn' | 'exited';

export interface HouseholdFacts {
  programme?: string;
  registeredOn?: string;
}

export class RecordHouseholdStepCommand extends Command<void> {
  constructor(
    readonly householdId: string,
    readonly householdVersion: number,
    /** null: the event only tells facts (programme), or that the household was erased. */
    readonly step: { step: HouseholdStep; onDate: string; priority?: number } | null,
    readonly facts: HouseholdFacts & { erasedOn?: string } = {},
  ) {
    super();
  }
}

/** A step of a household's journey, kept once (per household version) whatever the redeliveries. */
@CommandHandler(RecordHouseholdStepCommand)
export class RecordHouseholdStepHandler implements ICommandHandler<RecordHouseholdStepCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ householdId, householdVersion, step, facts }: RecordHouseholdStepCommand): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      if (step) {
        await manager.query(
          `INSERT INTO household_steps (household_id, household_version, step, on_date, priority) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [householdId, householdVersion, step.step, step.onDate, step.priority ?? null],
        );
      }
      // The household's facts, and its journey summed up again from all its steps (one write).
      await manager.query(
        `INSERT INTO households (household_id, programme, registered_on, erased_on, ${JOURNEY_COLUMNS.join(', ')})
         SELECT $1, $2::text, $3::date, $4::date, ${JOURNEY_COLUMNS.map((column) => `j.${column}`).join(', ')}
           FROM (SELECT $1::uuid AS household_id) h LEFT JOIN (${journeySummary('s.household_id = $1')}) j USING (household_id)
         ON CONFLICT (household_id) DO UPDATE SET
           programme = coalesce(EXCLUDED.programme, households.programme),
           registered_on = coalesce(households.registered_on, EXCLUDED.registered_on),
           erased_on = coalesce(households.erased_on, EXCLUDED.erased_on),
           ${JOURNEY_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`,
        [householdId, facts.programme ?? null, facts.registeredOn ?? null, facts.erasedOn ?? null],
      );
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
