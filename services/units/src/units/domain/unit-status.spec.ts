import { InvalidTransitionError } from '@hearth/platform';
import { canTransition, nextUnitStatus, pendingReasonAfter, UNIT_STATUSES, UNIT_TRANSITIONS, UnitStatus, UnitTransition } from './unit-status';

/**
 * The life of a flat as docs/architecture.md#units describes it, written out independently of the code:
 * draft → pending_inspection → available → reserved → let → vacating → available;
 * withdrawn only while nobody lives in it and no offer holds it (draft, pending_inspection, available);
 * a failed inspection with serious deficiencies sends an available or vacating flat to pending_inspection;
 * a released reservation frees it.
 */
const EXPECTED: Record<UnitStatus, Partial<Record<UnitTransition, UnitStatus>>> = {
  draft: { submit_for_inspection: 'pending_inspection', withdraw: 'withdrawn' },
  pending_inspection: { pass_inspection: 'available', withdraw: 'withdrawn' },
  available: { reserve: 'reserved', suspend_for_repairs: 'pending_inspection', withdraw: 'withdrawn' },
  reserved: { let: 'let', release: 'available' },
  let: { start_vacating: 'vacating' },
  vacating: { relet_ready: 'available', suspend_for_repairs: 'pending_inspection' },
  withdrawn: {},
};

const ALL_TRANSITIONS: UnitTransition[] = [
  'submit_for_inspection',
  'pass_inspection',
  'suspend_for_repairs',
  'reserve',
  'release',
  'let',
  'start_vacating',
  'relet_ready',
  'withdraw',
];

const matrix = UNIT_STATUSES.flatMap((from) => UNIT_TRANSITIONS.map((transition) => ({ from, transition, to: EXPECTED[from][transition] })));
const allowed = matrix.filter((row): row is { from: UnitStatus; transition: UnitTransition; to: UnitStatus } => row.to !== undefined);
const refused = matrix.filter((row) => row.to === undefined);

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('unit status machine', () => {
  it('knows exactly the seven statuses and nine transitions of a flat’s life', () => {
    expect([...UNIT_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...UNIT_TRANSITIONS].sort()).toEqual([...ALL_TRANSITIONS].sort());
    expect(matrix).toHaveLength(7 * 9);
    expect(allowed).toHaveLength(12);
  });

  describe('nextUnitStatus', () => {
    it.each(allowed)('moves a $from unit to $to on $transition', ({ from, transition, to }) => {
      expect(nextUnitStatus(from, transition)).toBe(to);
    });

    it.each(refused)('refuses to $transition a $from unit with a 409 UNIT.INVALID_TRANSITION', ({ from, transition }) => {
      const error = errorOf(() => nextUnitStatus(from, transition));

      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(error).toMatchObject({ code: 'UNIT.INVALID_TRANSITION', status: 409 });
    });

    it('says in plain words which unit cannot do what', () => {
      expect(() => nextUnitStatus('pending_inspection', 'suspend_for_repairs')).toThrow('A pending inspection unit cannot suspend for repairs');
      expect(() => nextUnitStatus('available', 'start_vacating')).toThrow('An available unit cannot start vacating');
    });
  });

  describe('canTransition', () => {
    it.each(matrix)('agrees with nextUnitStatus for $transition from $from', ({ from, transition, to }) => {
      const allowedByCan = canTransition(from, transition);

      expect(allowedByCan).toBe(to !== undefined);
      if (allowedByCan) expect(nextUnitStatus(from, transition)).toBe(to);
      else expect(() => nextUnitStatus(from, transition)).toThrow(InvalidTransitionError);
    });
  });

  it.each<UnitStatus>(['reserved', 'let', 'vacating', 'withdrawn'])('refuses to withdraw a %s unit', (status) => {
    expect(canTransition(status, 'withdraw')).toBe(false);
  });

  it('treats withdrawn as final', () => {
    expect(UNIT_TRANSITIONS.filter((transition) => canTransition('withdrawn', transition))).toEqual([]);
  });

  it('takes a flat from draft through a tenancy back to available', () => {
    const path: UnitTransition[] = ['submit_for_inspection', 'pass_inspection', 'reserve', 'let', 'start_vacating', 'relet_ready'];

    const visited = path.reduce<UnitStatus[]>((seen, transition) => [...seen, nextUnitStatus(seen[seen.length - 1], transition)], ['draft']);

    expect(visited).toEqual(['draft', 'pending_inspection', 'available', 'reserved', 'let', 'vacating', 'available']);
  });

  it('sends a flat that failed a re-inspection back for inspection, then makes it available again', () => {
    const suspended = nextUnitStatus('available', 'suspend_for_repairs');

    expect(suspended).toBe('pending_inspection');
    expect(nextUnitStatus(suspended, 'pass_inspection')).toBe('available');
  });
});

describe('why a unit is pending inspection', () => {
  it.each(UNIT_TRANSITIONS)('%s leaves the reason the flat is pending, if it is', (transition) => {
    const expected = { submit_for_inspection: 'initial_inspection', suspend_for_repairs: 'repairs' }[transition as string] ?? null;
    expect(pendingReasonAfter(transition)).toBe(expected);
    // Only those two transitions lead into pending_inspection, so a pending flat always has its reason.
    expect(UNIT_STATUSES.some((from) => canTransition(from, transition) && nextUnitStatus(from, transition) === 'pending_inspection')).toBe(expected !== null);
  });
});
