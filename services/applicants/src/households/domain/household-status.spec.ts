import { InvalidTransitionError } from '@hearth/platform';
import { canTransition, HOUSEHOLD_STATUSES, HOUSEHOLD_TRANSITIONS, HouseholdStatus, HouseholdTransition, isClosed, nextHouseholdStatus, PausableStatus } from './household-status';

/**
 * The lifecycle as docs/architecture.md#applicants and the issue describe it, written out independently of the code:
 * registered → assessed → waitlisted → offered → housed; paused, withdrawn and exited besides.
 * Resume is listed separately because its target depends on where the pause came from.
 */
const EXPECTED: Record<HouseholdStatus, Partial<Record<Exclude<HouseholdTransition, 'resume'>, HouseholdStatus>>> = {
  registered: { assess: 'assessed', pause: 'paused', withdraw: 'withdrawn', exit: 'exited', erase: 'exited' },
  assessed: { assess: 'assessed', waitlist: 'waitlisted', pause: 'paused', withdraw: 'withdrawn', exit: 'exited', erase: 'exited' },
  waitlisted: { assess: 'waitlisted', offer: 'offered', pause: 'paused', withdraw: 'withdrawn', exit: 'exited', erase: 'exited' },
  offered: { return_to_waitlist: 'waitlisted', house: 'housed', pause: 'paused', withdraw: 'withdrawn' },
  housed: { exit: 'exited' },
  paused: { withdraw: 'withdrawn', exit: 'exited', erase: 'exited' },
  withdrawn: { exit: 'exited', erase: 'exited' },
  exited: { erase: 'exited' },
};

const RESUMES_TO: Record<PausableStatus, HouseholdStatus> = { registered: 'registered', assessed: 'assessed', waitlisted: 'waitlisted', offered: 'waitlisted' };

const withoutResume = HOUSEHOLD_TRANSITIONS.filter((t): t is Exclude<HouseholdTransition, 'resume'> => t !== 'resume');
const matrix = HOUSEHOLD_STATUSES.flatMap((from) => withoutResume.map((transition) => ({ from, transition, to: EXPECTED[from][transition] })));
const allowed = matrix.filter((row) => row.to !== undefined);
const refused = matrix.filter((row) => row.to === undefined);

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('household status machine', () => {
  it('knows the eight statuses and ten transitions', () => {
    expect([...HOUSEHOLD_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(HOUSEHOLD_TRANSITIONS).toHaveLength(10);
    expect(allowed).toHaveLength(28);
  });

  it.each(allowed)('moves a $from household to $to on $transition', ({ from, transition, to }) => {
    expect(canTransition(from, transition)).toBe(true);
    expect(nextHouseholdStatus(from, transition)).toBe(to);
  });

  it.each(refused)('refuses to $transition a $from household with 409 HOUSEHOLD.INVALID_TRANSITION', ({ from, transition }) => {
    const error = errorOf(() => nextHouseholdStatus(from, transition));

    expect(canTransition(from, transition)).toBe(false);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ code: 'HOUSEHOLD.INVALID_TRANSITION', status: 409 });
  });

  it.each(Object.entries(RESUMES_TO))('resumes a household paused while %s to %s', (pausedFrom, to) => {
    expect(nextHouseholdStatus('paused', 'resume', pausedFrom as PausableStatus)).toBe(to);
  });

  it.each(HOUSEHOLD_STATUSES.filter((s) => s !== 'paused'))('refuses to resume a %s household', (status) => {
    expect(() => nextHouseholdStatus(status, 'resume', 'waitlisted')).toThrow(InvalidTransitionError);
  });

  it('refuses to resume a pause that does not know where it came from', () => {
    expect(canTransition('paused', 'resume', null)).toBe(false);
  });

  it('says in plain words what cannot happen', () => {
    expect(() => nextHouseholdStatus('registered', 'waitlist')).toThrow('A registered household cannot be waitlisted');
    expect(() => nextHouseholdStatus('offered', 'erase')).toThrow('An offered household cannot be erased');
  });

  it('walks a household from registration to a home and out of the programme', () => {
    const path: HouseholdTransition[] = ['assess', 'waitlist', 'offer', 'return_to_waitlist', 'offer', 'house', 'exit'];

    const visited = path.reduce<HouseholdStatus[]>((seen, t) => [...seen, nextHouseholdStatus(seen[seen.length - 1], t)], ['registered']);

    expect(visited).toEqual(['registered', 'assessed', 'waitlisted', 'offered', 'waitlisted', 'offered', 'housed', 'exited']);
  });

  it('never erases a household with an offer or a tenancy', () => {
    expect(canTransition('offered', 'erase')).toBe(false);
    expect(canTransition('housed', 'erase')).toBe(false);
  });

  it('treats withdrawn and exited as closed', () => {
    expect(HOUSEHOLD_STATUSES.filter(isClosed)).toEqual(['withdrawn', 'exited']);
  });
});
