import { TEST_DATABASE_SERVER_URL, withDatabase } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { solveOffTheEventLoop } from '../src/allocation-runs/commands/execute-run/solve-off-the-event-loop';

describe('solving a run off the event loop', () => {
  it("rejects with the worker thread's own error when it cannot read the snapshot, having reported no progress", async () => {
    const progress: string[] = [];
    const missing = `hearth_missing_${randomUUID().slice(0, 8)}`;

    const solving = solveOffTheEventLoop(
      {
        databaseUrl: withDatabase(TEST_DATABASE_SERVER_URL, missing),
        mode: 'optimal',
        policy: { weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 }, maxPerBuilding: 2, maxExtraBedrooms: 1 },
        unitIds: null,
        districtLimit: null,
        frontier: false,
      },
      async (percent, phase) => {
        progress.push(`${percent} ${phase}`);
      },
    );

    // PostgreSQL's own refusal, raised in the worker, is what the handler records as the run's error.
    await expect(solving).rejects.toThrow(`database "${missing}" does not exist`);
    expect(progress).toEqual([]);
  });
});
