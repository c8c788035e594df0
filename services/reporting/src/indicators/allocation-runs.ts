import { Question, within } from './question';

export interface RunRow {
  runId: string;
  mode: string;
  completedOn: string | null;
  proposals: number | null;
  certificateValid: boolean | null;
  approvalRequired: boolean | null;
  approvedOn: string | null;
  offersProposed: number | null;
  excluded: number | null;
  skipped: number | null;
  rejectedOn: string | null;
}

export interface RunCounts {
  completed: number;
  approved: number;
  rejected: number;
  awaitingApproval: number;
  proposals: number;
  offersProposed: number;
  excludedByTheBoard: number;
  skippedAsStale: number;
  certificatesValid: number;
  certificatesInvalid: number;
}

export interface AllocationRuns extends RunCounts {
  byMode: ({ mode: string } & RunCounts)[];
}

function counts(runs: readonly RunRow[], asOf: string): RunCounts {
  const by = (day: string | null) => day !== null && day <= asOf;
  const approved = runs.filter((r) => by(r.approvedOn));
  const rejected = runs.filter((r) => by(r.rejectedOn));
  const sum = (list: readonly RunRow[], field: 'proposals' | 'offersProposed' | 'excluded' | 'skipped') => list.reduce((total, r) => total + (r[field] ?? 0), 0);
  return {
    completed: runs.length,
    approved: approved.length,
    rejected: rejected.length,
    awaitingApproval: runs.filter((r) => r.approvalRequired && !by(r.approvedOn) && !by(r.rejectedOn)).length,
    proposals: sum(runs, 'proposals'),
    offersProposed: sum(approved, 'offersProposed'),
    excludedByTheBoard: sum(approved, 'excluded'),
    skippedAsStale: sum(approved, 'skipped'),
    certificatesValid: runs.filter((r) => r.certificateValid === true).length,
    certificatesInvalid: runs.filter((r) => r.certificateValid === false).length,
  };
}

/** Allocation runs (docs/indicators.md#allocation-runs) completed in the period, and what the board did with them by asOf. */
export function allocationRuns(question: Question, rows: readonly RunRow[]): AllocationRuns {
  const runs = rows.filter((r) => r.completedOn !== null && r.completedOn <= question.asOf && within(r.completedOn, question));
  return { ...counts(runs, question.asOf), byMode: ['priority', 'optimal'].map((mode) => ({ mode, ...counts(runs.filter((r) => r.mode === mode), question.asOf) })) };
}
