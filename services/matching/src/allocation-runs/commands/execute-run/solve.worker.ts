import { allocate, priorityFrontier, verifyCertificate } from '@hearth/matching-engine';
import { parentPort, workerData } from 'node:worker_threads';
import { summarizeFrontier } from '../../domain/run-frontier';
import type { SolveRequest, SolveResult } from './solve-off-the-event-loop';

// Runs in a worker thread: the solve and the certificate check are seconds of synchronous CPU on a
// large waitlist, which must not stop the service's event loop (HTTP, health, consumers, jobs).
const { instance, mode, frontier: withFrontier } = workerData as SolveRequest;
const started = performance.now();
const result = allocate(instance, mode, { certificate: mode === 'optimal' });
const solved = performance.now();
const certificateValid = mode === 'optimal' ? verifyCertificate(instance, result).valid : null;
const checked = performance.now();
const full = withFrontier ? priorityFrontier(instance) : undefined;
const reply: SolveResult = {
  result,
  certificateValid,
  solveMs: solved - started,
  checkMs: checked - solved,
  frontier: full && { full, summary: summarizeFrontier(instance, full) },
  frontierMs: performance.now() - checked,
};
parentPort!.postMessage(reply);
