import { InvalidTransitionError } from '@hearth/platform';
import { LandlordStatus, LandlordTransition, nextLandlordStatus } from './landlord-status';

const STATUSES: LandlordStatus[] = ['prospect', 'active', 'suspended', 'offboarded'];
const TRANSITIONS: LandlordTransition[] = ['verify', 'suspend', 'reactivate', 'offboard'];

/** docs/architecture.md#landlords: prospect → active → suspended ⇄ active; anyone not yet offboarded can be offboarded. */
const EXPECTED: Record<LandlordStatus, Partial<Record<LandlordTransition, LandlordStatus>>> = {
  prospect: { verify: 'active', offboard: 'offboarded' },
  active: { suspend: 'suspended', offboard: 'offboarded' },
  suspended: { reactivate: 'active', offboard: 'offboarded' },
  offboarded: {},
};

const matrix = STATUSES.flatMap((from) => TRANSITIONS.map((transition) => ({ from, transition, to: EXPECTED[from][transition] })));
const allowed = matrix.filter((row): row is { from: LandlordStatus; transition: LandlordTransition; to: LandlordStatus } => row.to !== undefined);
const refused = matrix.filter((row) => row.to === undefined);

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('nextLandlordStatus', () => {
  it('covers every status × transition pair in the expected table', () => {
    expect(matrix).toHaveLength(STATUSES.length * TRANSITIONS.length);
    expect(allowed).toHaveLength(6);
    expect(refused).toHaveLength(10);
  });

  it.each(allowed)('moves a $from landlord to $to on $transition', ({ from, transition, to }) => {
    const next = nextLandlordStatus(from, transition);

    expect(next).toBe(to);
  });

  it.each(refused)('refuses to $transition a $from landlord with a 409 LANDLORD.INVALID_TRANSITION', ({ from, transition }) => {
    const error = errorOf(() => nextLandlordStatus(from, transition));

    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ code: 'LANDLORD.INVALID_TRANSITION', status: 409 });
  });

  it('refuses to reactivate a landlord who was never verified, naming the state and the transition', () => {
    expect(() => nextLandlordStatus('prospect', 'reactivate')).toThrow('A prospect landlord cannot be reactivated');
  });

  it('refuses to verify an active landlord a second time, with “an” before a vowel', () => {
    expect(() => nextLandlordStatus('active', 'verify')).toThrow('An active landlord cannot be verified');
  });

  it('refuses to suspend an offboarded landlord, with “an” before a vowel', () => {
    expect(() => nextLandlordStatus('offboarded', 'suspend')).toThrow('An offboarded landlord cannot be suspended');
  });

  it('treats offboarding as final: nothing moves an offboarded landlord', () => {
    const outcomes = TRANSITIONS.map((transition) => errorOf(() => nextLandlordStatus('offboarded', transition)));

    expect(outcomes.every((error) => error instanceof InvalidTransitionError)).toBe(true);
  });

  it('lets a landlord be suspended and reactivated repeatedly', () => {
    let status: LandlordStatus = nextLandlordStatus('prospect', 'verify');

    for (let round = 0; round < 3; round++) {
      status = nextLandlordStatus(status, 'suspend');
      expect(status).toBe('suspended');
      status = nextLandlordStatus(status, 'reactivate');
      expect(status).toBe('active');
    }
  });
});
