import { AllocationMode } from '@hearth/matching-engine';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { UnitLeftOut } from '../../domain/allocation-run.entity';
import type { DistrictReport } from '../../domain/district-report';
import type { RunFrontier } from '../../domain/run-frontier';
import type { RunPolicy } from '../../domain/run-policy';
import type { RunProposal } from '../../domain/run-proposal';

/** What the worker thread needs to load and solve a run: the run's request and where its database is. */
export interface SolveRequest {
  /** The service's database: the worker reads the snapshot on a connection of its own. */
  databaseUrl: string;
  mode: AllocationMode;
  policy: RunPolicy;
  unitIds: string[] | null;
  districtLimit: number | null;
  /** Also solve the frontier of what strict priority costs (optimal runs that ask for it). */
  frontier: boolean;
}

/** The census as UTF-8 JSON, serialised in the worker and handed over without a copy. */
export interface CensusJson {
  instance: Uint8Array;
  householdReferences: Uint8Array;
  result: Uint8Array;
  certificate: Uint8Array | null;
  frontier: Uint8Array | null;
}

/** A solved run: what the run's row shows (small) and its census (already serialised). */
export interface SolvedRun {
  runDate: string;
  unitsLeftOut: UnitLeftOut[];
  unitCount: number;
  householdCount: number;
  eligiblePairs: number;
  totalScore: number;
  /** The optimal run's own certificate check (null for a priority run). */
  certificateValid: boolean | null;
  districtReport: DistrictReport;
  proposals: RunProposal[];
  frontier: RunFrontier | null;
  census: CensusJson;
  snapshotMs: number;
  solveMs: number;
  checkMs: number;
  frontierMs: number | null;
}

/** What the worker posts: progress while it works, then the solved run. */
export type SolveMessage = { percent: number; phase: string } | { solved: SolvedRun };

/**
 * Loads, solves and serialises a run in a worker thread (solve.worker.ts), so the service keeps
 * answering while it works: everything that costs CPU in proportion to the waitlist happens there.
 * Progress is reported in order, and all of it before the promise resolves (a late progress write
 * must not overwrite the stored result); `onProgress` must not reject.
 * Compiled, the worker is the sibling .js file; run from source (npm start, tests), the worker
 * loads the repository's TypeScript hook first.
 */
export function solveOffTheEventLoop(request: SolveRequest, onProgress: (percent: number, phase: string) => Promise<void>): Promise<SolvedRun> {
  const fromSource = extname(__filename) === '.ts';
  const workerFile = join(__dirname, `solve.worker${fromSource ? '.ts' : '.js'}`);
  const worker = fromSource
    ? new Worker(`require(${JSON.stringify(typeScriptHook())}); require(${JSON.stringify(workerFile)});`, { eval: true, workerData: request })
    : new Worker(workerFile, { workerData: request });
  return new Promise((resolve, reject) => {
    let reported = Promise.resolve();
    let answered = false;
    worker.on('message', (message: SolveMessage) => {
      if (!('solved' in message)) reported = reported.then(() => onProgress(message.percent, message.phase));
      else {
        answered = true;
        void reported.then(() => resolve(message.solved));
      }
    });
    worker.once('error', (error) => {
      answered = true;
      void reported.then(() => reject(error));
    });
    worker.once('exit', (code) => {
      if (!answered) void reported.then(() => reject(new Error(`the solver's worker thread exited with code ${code} before answering`)));
    });
  });
}

function typeScriptHook(): string {
  // services/matching/src/allocation-runs/commands/execute-run → the repository's tools/register.js
  const hook = join(__dirname, '..', '..', '..', '..', '..', '..', 'tools', 'register.js');
  if (!existsSync(hook)) throw new Error(`cannot run the solver from source: ${hook} is missing`);
  return hook;
}
