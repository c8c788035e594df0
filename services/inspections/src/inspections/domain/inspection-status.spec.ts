import { InvalidTransitionError } from '@hearth/platform';
import {
  canTransition,
  INSPECTION_STATUSES,
  INSPECTION_TRANSITIONS,
  InspectionStatus,
  InspectionTransition,
  nextInspectionStatus,
} from './inspection-status';

/**
 * The life of an inspection as docs/architecture.md#inspections and the issue describe it, written out independently of
 * the code: requested → scheduled (and rescheduled) → completed; no access sends a scheduled
 * visit back to requested; requests and booked visits can be cancelled; results are recorded only
 * while scheduled; completed and cancelled are final.
 */
const EXPECTED: Record<InspectionStatus, Partial<Record<InspectionTransition, InspectionStatus>>> = {
  requested: { schedule: 'scheduled', cancel: 'cancelled' },
  scheduled: { reschedule: 'scheduled', record_result: 'scheduled', record_no_access: 'requested', complete: 'completed', cancel: 'cancelled' },
  completed: {},
  cancelled: {},
};

/** The code a refusal carries says what is in the way: the state the inspection is in. */
const REFUSAL_CODE: Record<InspectionStatus, string> = {
  requested: 'INSPECTION.NOT_SCHEDULED',
  scheduled: 'INSPECTION.ALREADY_SCHEDULED',
  completed: 'INSPECTION.ALREADY_COMPLETED',
  cancelled: 'INSPECTION.CANCELLED',
};

const matrix = INSPECTION_STATUSES.flatMap((from) => INSPECTION_TRANSITIONS.map((transition) => ({ from, transition, to: EXPECTED[from][transition] })));
const allowed = matrix.filter((row): row is { from: InspectionStatus; transition: InspectionTransition; to: InspectionStatus } => row.to !== undefined);
const refused = matrix.filter((row) => row.to === undefined);

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('inspection status machine', () => {
  it('knows exactly four statuses and six transitions', () => {
    expect([...INSPECTION_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...INSPECTION_TRANSITIONS].sort()).toEqual(['cancel', 'complete', 'record_no_access', 'record_result', 'reschedule', 'schedule']);
    expect(allowed).toHaveLength(7);
    expect(refused).toHaveLength(4 * 6 - 7);
  });

  it.each(allowed.map((row) => [row.from, row.transition, row.to] as const))('lets a %s inspection %s (→ %s)', (from, transition, to) => {
    expect(canTransition(from, transition)).toBe(true);
    expect(nextInspectionStatus(from, transition)).toBe(to);
  });

  it.each(refused.map((row) => [row.from, row.transition] as const))('refuses to let a %s inspection %s, with a 409 naming the state', (from, transition) => {
    const error = errorOf(() => nextInspectionStatus(from, transition));

    expect(canTransition(from, transition)).toBe(false);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ status: 409, code: REFUSAL_CODE[from] });
  });

  it('refuses to complete a cancelled inspection with INSPECTION.CANCELLED', () => {
    expect(errorOf(() => nextInspectionStatus('cancelled', 'complete'))).toMatchObject({
      code: 'INSPECTION.CANCELLED',
      message: 'The inspection cannot be completed: it was cancelled',
    });
  });

  it('treats completed and cancelled as final', () => {
    for (const status of ['completed', 'cancelled'] as const) {
      expect(INSPECTION_TRANSITIONS.filter((transition) => canTransition(status, transition))).toEqual([]);
    }
  });
});
