import { Question, within } from './question';

/** One departure from strict priority order as reporting keeps it: the run, the flat and the priorities, never the households. */
export interface DepartureRow {
  runId: string;
  mode: string;
  decidedOn: string;
  kind: 'run_choice' | 'board_exclusion';
  justification: string;
  unitId: string;
  district: string | null;
  buildingId: string | null;
  priority: number | null;
  passedOverPriority: number | null;
  certificateValid: boolean | null;
  approvedPoint: number | null;
  noteRecorded: boolean | null;
}

/** A run decided in the period: approved by the board, or its proposals made offers without approval. */
export interface DecidedRunRow {
  runId: string;
  mode: string;
  decidedOn: string;
}

export const DEPARTURE_KINDS = ['run_choice', 'board_exclusion'] as const;
export const JUSTIFICATIONS = ['optimal_allocation', 'frontier_point', 'caps_in_priority_order', 'over_district_limit', 'board_decision'] as const;

export interface Departure {
  runId: string;
  mode: string;
  decidedOn: string;
  kind: string;
  justification: string;
  /** Whether what the justification rests on is recorded (docs/indicators.md#priority-departures). */
  justificationRecorded: boolean;
  unitId: string;
  district: string | null;
  buildingId: string | null;
  priority: number | null;
  passedOverPriority: number | null;
  /** Priority points the household passed over had above the one housed; null when nobody was passed over. */
  gap: number | null;
  approvedPoint: number | null;
}

export interface PriorityDepartures {
  runsDecided: number;
  runsWithDepartures: number;
  departures: number;
  justificationRecorded: number;
  justificationNotRecorded: number;
  byKind: { kind: string; count: number }[];
  byJustification: { justification: string; count: number }[];
  /** Over the departures where a household was passed over: the sum and the largest priority gap. */
  pointsPassedOver: { departures: number; total: number; max: number | null };
  /** Every departure, by day, run and flat (flats and priorities, never households). */
  list: Departure[];
}

/** Whether a departure's justification rests on something recorded: the certificate of the optimum,
 *  the approved frontier point, the caps (a rule), the district-limit flag, or the board's note. */
function recorded(row: DepartureRow): boolean {
  switch (row.justification) {
    case 'optimal_allocation':
      return row.certificateValid === true;
    case 'frontier_point':
      return row.approvedPoint !== null;
    case 'caps_in_priority_order':
    case 'over_district_limit':
      return true;
    case 'board_decision':
      return row.noteRecorded === true;
    default:
      return false;
  }
}

/**
 * Priority departures (docs/indicators.md#priority-departures): every departure from strict
 * priority order in what the runs decided in the period put into offers — a flat given while a
 * household of higher priority, eligible for it, got no flat, and each proposal the board left
 * out — listed with its justification and whether that justification is recorded.
 */
export function priorityDepartures(question: Question, runs: readonly DecidedRunRow[], rows: readonly DepartureRow[]): PriorityDepartures {
  const inPeriod = (day: string) => day <= question.asOf && within(day, question);
  const decided = runs.filter((r) => inPeriod(r.decidedOn));
  const list: Departure[] = rows
    .filter((r) => inPeriod(r.decidedOn) && (!question.district || r.district === question.district))
    .map((r) => ({
      runId: r.runId,
      mode: r.mode,
      decidedOn: r.decidedOn,
      kind: r.kind,
      justification: r.justification,
      justificationRecorded: recorded(r),
      unitId: r.unitId,
      district: r.district,
      buildingId: r.buildingId,
      priority: r.priority,
      passedOverPriority: r.passedOverPriority,
      gap: r.priority !== null && r.passedOverPriority !== null ? Math.round((r.passedOverPriority - r.priority) * 100) / 100 : null,
      approvedPoint: r.approvedPoint,
    }))
    .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.runId.localeCompare(b.runId) || a.unitId.localeCompare(b.unitId));
  const gaps = list.flatMap((d) => (d.gap === null ? [] : [d.gap]));
  return {
    runsDecided: decided.length,
    runsWithDepartures: new Set(list.map((d) => d.runId)).size,
    departures: list.length,
    justificationRecorded: list.filter((d) => d.justificationRecorded).length,
    justificationNotRecorded: list.filter((d) => !d.justificationRecorded).length,
    byKind: DEPARTURE_KINDS.map((kind) => ({ kind, count: list.filter((d) => d.kind === kind).length })),
    byJustification: JUSTIFICATIONS.map((justification) => ({ justification, count: list.filter((d) => d.justification === justification).length })),
    pointsPassedOver: { departures: gaps.length, total: Math.round(gaps.reduce((sum, g) => sum + g, 0) * 100) / 100, max: gaps.length ? Math.max(...gaps) : null },
    list,
  };
}
