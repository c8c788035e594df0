import { AllocationMode, AllocationResult, Frontier, Instance } from '@hearth/matching-engine';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunFrontier } from '../../domain/run-frontier';

export interface SolveRequest {
  instance: Instance;
  mode: AllocationMode;
  /** Also solve the frontier of what strict priority costs (optimal runs that ask for it). */
  frontier?: boolean;
}

export interface SolveResult {
  result: AllocationResult;
  /** The optimal run's own certificate check (null for a priority run). */
  certificateValid: boolean | null;
  solveMs: number;
  checkMs: number;
  frontier?: { full: Frontier; summary: RunFrontier };
  frontierMs: number;
}

/**
 * Solves a run (and checks an optimal run's certificate) in a worker thread, so the service keeps
 * answering while it works. Compiled, the worker is the sibling .js file; run from source (npm
 * start, tests), the worker loads the repository's TypeScript hook first.
 */
export function solveOffTheEventLoop(request: SolveRequest): Promise<SolveResult> {
  const fromSource = extname(__filename) === '.ts';
  const workerFile = join(__dirname, `solve.worker${fromSource ? '.ts' : '.js'}`);
  const worker = fromSource
    ? new Worker(`require(${JSON.stringify(typeScriptHook())}); require(${JSON.stringify(workerFile)});`, { eval: true, workerData: request })
    : new Worker(workerFile, { workerData: request });
  return new Promise((resolve, reject) => {
    worker.once('message', (reply: SolveResult) => resolve(reply));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the solver's worker thread exited with code ${code} before answering`)));
  });
}

function typeScriptHook(): string {
  // services/matching/src/allocation-runs/commands/execute-run → the repository's tools/register.js
  const hook = join(__dirname, '..', '..', '..', '..', '..', '..', 'tools', 'register.js');
  if (!existsSync(hook)) throw new Error(`cannot run the solver from source: ${hook} is missing`);
  return hook;
}
