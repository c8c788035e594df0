export interface IdempotencyOptions {
  /** How long a key's answer is kept and replayed (IDEMPOTENCY_KEY_TTL_MS, 24 h by default). */
  ttlMs?: number;
  /** How long a claim without an answer holds its key: older, it was left by a crashed request (IDEMPOTENCY_CLAIM_LEASE_MS, 2 min). */
  claimLeaseMs?: number;
  /** How often expired keys are deleted (the TTL, at most an hour, by default). */
  purgeIntervalMs?: number;
}

export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_IDEMPOTENCY_CLAIM_LEASE_MS = 2 * 60 * 1000;

export function idempotencySettings(options: IdempotencyOptions = {}): Required<IdempotencyOptions> {
  const ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  return {
    ttlMs,
    claimLeaseMs: options.claimLeaseMs ?? DEFAULT_IDEMPOTENCY_CLAIM_LEASE_MS,
    purgeIntervalMs: options.purgeIntervalMs ?? Math.min(ttlMs, 60 * 60 * 1000),
  };
}
