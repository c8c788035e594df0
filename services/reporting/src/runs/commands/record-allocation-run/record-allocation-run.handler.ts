import { UnitOfWork } from '@hearth/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DailySnapshots } from '../../../snapshots/daily-snapshots';

export type RunFacts = Partial<{
  completedOn: string;
  units: number;
  households: number;
  proposals: number;
  certificateValid: boolean | null;
  approvalRequired: boolean;
  approvedOn: string;
  offersProposed: number;
  excluded: number;
  skipped: number;
  rejectedOn: string;
}>;

const COLUMNS: Record<keyof RunFacts, string> = {
  completedOn: 'completed_on',
  units: 'units',
  households: 'households',
  proposals: 'proposals',
  certificateValid: 'certificate_valid',
  approvalRequired: 'approval_required',
  approvedOn: 'approved_on',
  offersProposed: 'offers_proposed',
  excluded: 'excluded',
  skipped: 'skipped',
  rejectedOn: 'rejected_on',
};

export class RecordAllocationRunCommand extends Command<void> {
  constructor(
    readonly runId: string,
    readonly mode: string,
    readonly facts: RunFacts,
  ) {
    super();
  }
}

/** An allocation run's completion and the board's decision on it (counts only). */
@CommandHandler(RecordAllocationRunCommand)
export class RecordAllocationRunHandler implements ICommandHandler<RecordAllocationRunCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ runId, mode, facts }: RecordAllocationRunCommand): Promise<void> {
    const entries = (Object.keys(facts) as (keyof RunFacts)[]).filter((key) => facts[key] !== undefined);
    const columns = entries.map((key) => COLUMNS[key]);
    const values = entries.map((key) => facts[key] ?? null);
    return this.unitOfWork.run(async (manager) => {
      await manager.query(
        `INSERT INTO allocation_runs (run_id, mode${columns.map((c) => `, ${c}`).join('')})
         VALUES ($1, $2${values.map((_, i) => `, $${i + 3}`).join('')})
         ON CONFLICT (run_id) DO ${columns.length ? `UPDATE SET ${columns.map((c) => `${c} = coalesce(allocation_runs.${c}, EXCLUDED.${c})`).join(', ')}` : 'NOTHING'}`,
        [runId, mode, ...values],
      );
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
