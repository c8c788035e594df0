/**
 * Tells a failure of infrastructure that will pass (the database restarting, Redis or the broker
 * unreachable, a deadlock, a timeout) from one that will not (bad data, a bug). A transient failure
 * is waited out and retried — an event is never dead-lettered for it, a request answers 503 — while
 * a deterministic one is refused or dead-lettered after a few attempts.
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** A wait that ran out (a Redis call, a broker request, a lock). */
export class TimeoutError extends TransientError {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

// SQLSTATE classes and codes that say "try again": connection exceptions (08), serialization
// failure and deadlock (40001, 40P01), lock not available (55P03), query cancelled by a timeout
// (57014), administrator or crash shutdown and "cannot connect now" (57P01–57P05), insufficient
// resources (53xxx), system errors (58xxx), and hot-standby conflicts reported as 40001.
const TRANSIENT_SQLSTATE = /^(08|53|58)|^(40001|40P01|55P03|57014|57P0[1-5]|55006|25P04)$/;

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
]);

const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /connection (is )?closed/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /stream isn't writeable/i,
  /command timed out/i,
  /max retries per request/i,
  /reached the max retries per request limit/i,
  /socket closed unexpectedly/i,
  /query read timeout/i,
];

const TRANSIENT_ERROR_NAMES = new Set([
  'TransientError',
  'TimeoutError',
  'MaxRetriesPerRequestError',
  'ConnectionClosedError',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSConnectionClosedError',
  'KafkaJSLockTimeout',
  'KafkaJSStaleTopicMetadataAssignment',
]);

/** True when the error (or anything in its cause chain) is a failure of infrastructure that will pass. */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const candidate = error as { name?: unknown; code?: unknown; message?: unknown; retriable?: unknown; cause?: unknown; driverError?: unknown; errors?: unknown };
  if (error instanceof TransientError) return true;
  if (typeof candidate.name === 'string' && TRANSIENT_ERROR_NAMES.has(candidate.name)) return true;
  if (typeof candidate.name === 'string' && candidate.name.startsWith('KafkaJS') && candidate.retriable === true) return true;
  if (typeof candidate.code === 'string' && (TRANSIENT_NODE_CODES.has(candidate.code) || (/^[0-9A-Z]{5}$/.test(candidate.code) && TRANSIENT_SQLSTATE.test(candidate.code)))) {
    return true;
  }
  if (typeof candidate.message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
  if (candidate.driverError && isTransientError(candidate.driverError, depth + 1)) return true;
  if (candidate.cause && isTransientError(candidate.cause, depth + 1)) return true;
  // AggregateError (e.g. a connection refused on both IPv4 and IPv6).
  if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isTransientError(inner, depth + 1))) return true;
  return false;
}

/** Races a promise against a timer; a call that does not answer in time rejects with TimeoutError. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
