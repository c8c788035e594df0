import { canTransition, nextRunStatus, RUN_STATUSES, RUN_TRANSITIONS, RunStatus, RunTransition } from './run-status';

const EXPECTED: Record<RunStatus, Partial<Record<RunTransition, RunStatus>>> = {
  queued: { start: 'running', fail: 'failed' },
  running: { resume: 'running', await_approval: 'awaiting_approval', propose_offers: 'offers_proposed', fail: 'failed' },
  awaiting_approval: { approve: 'offers_proposed', reject: 'rejected' },
  offers_proposed: {},
  rejected: {},
  failed: {},
};

const matrix = RUN_STATUSES.flatMap((from) => RUN_TRANSITIONS.map((transition) => ({ from, transition, to: EXPECTED[from][transition] })));

describe('allocation run status machine', () => {
  it.each(matrix)('$transition from $from → $to', ({ from, transition, to }) => {
    if (to === undefined) {
      expect(canTransition(from, transition)).toBe(false);
      expect(() => nextRunStatus(from, transition)).toThrow(expect.objectContaining({ code: 'RUN.INVALID_TRANSITION', status: 409 }));
    } else {
      expect(nextRunStatus(from, transition)).toBe(to);
    }
  });

  it('lets only a run awaiting approval be approved or rejected', () => {
    expect(RUN_STATUSES.filter((status) => canTransition(status, 'approve'))).toEqual(['awaiting_approval']);
    expect(RUN_STATUSES.filter((status) => canTransition(status, 'reject'))).toEqual(['awaiting_approval']);
  });
});
