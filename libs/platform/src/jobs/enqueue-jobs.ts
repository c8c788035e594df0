import type { JobsOptions, Queue } from 'bullmq';
import { withTimeout } from '../errors/transient-error';

/** How long a request or a sweep waits for Redis before giving up on queueing. */
export const ENQUEUE_TIMEOUT_MS = 1_000;

export interface JobToQueue<T> {
  name: string;
  data: T;
  /** Must carry a deterministic jobId: the same job is queued again by the sweeps. */
  opts: JobsOptions & { jobId: string };
}

/**
 * Queues jobs in one round trip, waiting at most `timeoutMs` for Redis. Call it after the commit
 * (UnitOfWork.afterCommit) and from a sweep, never inside a transaction. Rejects with a
 * TimeoutError (transient) when Redis does not answer; the next sweep queues the jobs again.
 */
export async function enqueueJobs<T>(queue: Queue<T>, jobs: readonly JobToQueue<T>[], timeoutMs = ENQUEUE_TIMEOUT_MS): Promise<number> {
  if (jobs.length === 0) return 0;
  await withTimeout(
    (queue as unknown as Queue).addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: job.opts }))),
    timeoutMs,
    `Redis (queue ${queue.name})`,
  );
  return jobs.length;
}
