import { allocate, priorityFrontier, verifyCertificate } from '@hearth/matching-engine';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { allCandidates } from '../../../household-pool/candidates';
import { todayUtc } from '../../../household-pool/engine-applicant';
import { districtReport } from '../../domain/district-report';
import { summarizeFrontier } from '../../domain/run-frontier';
import { buildRunSnapshot } from '../../domain/run-snapshot';
import { toRunProposals } from '../../domain/run-proposal';
import { runUnits, unitsLeftOut } from '../../run-units';
import type { SolveMessage, SolveRequest, SolvedRun } from './solve-off-the-event-loop';

// Runs in a worker thread: loading a large waitlist, building the engine instance, the solve, the
// certificate check and serialising the census are each up to seconds of synchronous CPU, which
// must not stop the service's event loop (HTTP, health, consumers, job lock renewals). The main
// thread only writes what this posts back.
const request = workerData as SolveRequest;
const post = (message: SolveMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

async function solve(): Promise<void> {
  const started = performance.now();
  const { snapshot, leftOut } = await loadSnapshot();
  const { instance, householdReferences, runDate } = snapshot;
  const loaded = performance.now();
  post({ percent: 35, phase: 'solve' });
  const withFrontier = request.frontier && request.mode === 'optimal';
  if (withFrontier) post({ percent: 50, phase: 'solve and frontier' });

  // An optimal run checks its own certificate, as any reader of the census can.
  const result = allocate(instance, request.mode, { certificate: request.mode === 'optimal' });
  const solved = performance.now();
  const certificateValid = request.mode === 'optimal' ? verifyCertificate(instance, result).valid : null;
  const checked = performance.now();
  const frontier = withFrontier ? priorityFrontier(instance) : null;
  const frontierSummary = frontier && summarizeFrontier(instance, frontier);
  const frontierMs = frontier && performance.now() - checked;

  const report = districtReport(result.assignments, instance.units, request.districtLimit);
  const census = {
    instance: json(instance),
    householdReferences: json(householdReferences),
    result: json({ mode: result.mode, assignments: result.assignments, totalScore: result.totalScore, stats: result.stats }),
    certificate: result.certificate ? json(result.certificate) : null,
    frontier: frontier ? json(frontier) : null,
  };
  const run: SolvedRun = {
    runDate,
    unitsLeftOut: leftOut,
    unitCount: instance.units.length,
    householdCount: instance.applicants.length,
    eligiblePairs: result.stats.eligiblePairs,
    totalScore: result.totalScore,
    certificateValid,
    districtReport: report,
    proposals: toRunProposals(result.assignments, instance, householdReferences, report.flaggedUnitIds),
    frontier: frontierSummary,
    census,
    snapshotMs: loaded - started,
    solveMs: solved - loaded,
    checkMs: checked - solved,
    frontierMs,
  };
  // The census bytes move to the main thread without a copy.
  const transfer = Object.values(census).flatMap((bytes) => (bytes ? [bytes.buffer as ArrayBuffer] : []));
  post({ solved: run }, transfer);
}

/** A consistent snapshot of the pool: one REPEATABLE READ transaction on the worker's own connection. */
async function loadSnapshot() {
  const client = new Client({ connectionString: request.databaseUrl, connectionTimeoutMillis: 3_000, application_name: 'matching allocation run' });
  await client.connect();
  try {
    const db = { query: async (text: string, parameters?: unknown[]) => (await client.query(text, parameters)).rows } as Pick<EntityManager, 'query'>;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const candidates = await allCandidates(db);
    const units = await runUnits(db, request.unitIds);
    const leftOut = request.unitIds ? await unitsLeftOut(db, request.unitIds) : [];
    await client.query('COMMIT');
    return { snapshot: buildRunSnapshot(request.mode, request.policy, candidates, units, todayUtc()), leftOut };
  } finally {
    await client.end();
  }
}

/** UTF-8 JSON in a buffer of its own (so that it can be transferred), exactly as a json column stores it. */
function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

solve().catch((error: unknown) => {
  // Thrown again outside the promise, it reaches the main thread as the worker's 'error' event.
  setImmediate(() => {
    throw error;
  });
});
