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
  /** The caps the run was solved with, as JSON ({ perBuilding, perDistrict }). */
  caps: string;
  approvedPoint: number | null;
  noteRecorded: boolean;
}>;

/** A departure from strict priority order in what a decided run put into offers: the flat and the priorities, never the households. */
export interface DepartureFacts {
  kind: string;
  justification: string;
  unitId: string;
  priority: number | null;
  passedOverPriority: number | null;
}

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
  caps: 'caps',
  approvedPoint: 'approved_point',
  noteRecorded: 'note_recorded',
};

export class RecordAllocationRunCommand extends Command<void> {
  constructor(
    readonly runId: string,
    readonly mode: string,
    readonly facts: RunFacts,
    /** The departures the event lists, and the day they were decided (approved, or proposed without approval). */
    readonly departures: { decidedOn: string; list: readonly DepartureFacts[] } | null = null,
  ) {
    super();
  }
}

/** An allocation run's completion and the board's decision on it (counts, caps, and the departures
 *  from strict priority order by position in the event: a redelivery changes nothing). */
@CommandHandler(RecordAllocationRunCommand)
export class RecordAllocationRunHandler implements ICommandHandler<RecordAllocationRunCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshotDays: DailySnapshots,
  ) {}

  execute({ runId, mode, facts, departures }: RecordAllocationRunCommand): Promise<void> {
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
      if (departures && departures.list.length > 0) {
        await manager.query(
          `INSERT INTO run_departures (run_id, position, decided_on, kind, justification, unit_id, priority, passed_over_priority)
           SELECT $1, d.position, $2, d.kind, d.justification, d.unit_id, d.priority, d.passed_over_priority
             FROM jsonb_to_recordset($3::jsonb) AS d(position int, kind text, justification text, unit_id uuid, priority float8, passed_over_priority float8)
           ON CONFLICT (run_id, position) DO NOTHING`,
          [
            runId,
            departures.decidedOn,
            JSON.stringify(
              departures.list.map((d, position) => ({ position, kind: d.kind, justification: d.justification, unit_id: d.unitId, priority: d.priority, passed_over_priority: d.passedOverPriority })),
            ),
          ],
        );
      }
      await this.snapshotDays.noteActivity(manager);
    });
  }
}
