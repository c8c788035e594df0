import { AsyncLocalStorage } from 'node:async_hooks';
import { ConflictError } from '@hearth/platform';
import { EntityManager } from 'typeorm';

/** The Idempotency-Key a request holds while its command runs (set by IdempotencyInterceptor). */
export interface IdempotencyClaim {
  actorId: string;
  key: string;
  /** Which claim of the key this request holds: a claim taken over after its lease is no longer ours. */
  claimId: string;
  /** The status the answer is sent with (Nest sets it before the handler runs). */
  status: number;
  /** The answer committed with the command's effect, once a transaction committed one. */
  committedAnswer?: string;
}

const activeClaim = new AsyncLocalStorage<IdempotencyClaim>();

export function runWithIdempotencyClaim<T>(claim: IdempotencyClaim, work: () => T): T {
  return activeClaim.run(claim, work);
}

/**
 * Called by UnitOfWork at the end of a transaction it opened, before the commit: when the request
 * holds an Idempotency-Key, the transaction's result is stored as the key's answer in that same
 * transaction. Either both the effect and the answer commit, or neither: a retry then either
 * replays the answer or runs the command for the first time, never a second time. Returns what
 * to remember once the transaction has committed.
 */
export async function storeAnswerWithEffect(manager: EntityManager, result: unknown): Promise<(() => void) | undefined> {
  const claim = activeClaim.getStore();
  if (!claim) return undefined;
  let answer: string;
  try {
    answer = JSON.stringify(result ?? null);
  } catch {
    return undefined; // not an answer; the interceptor stores the one it sends
  }
  const [, updated] = await manager.query<[unknown[], number]>(
    'UPDATE idempotency_keys SET status = $4, body = $5 WHERE actor_id = $1 AND key = $2 AND claim_id = $3',
    [claim.actorId, claim.key, claim.claimId, claim.status, answer],
  );
  // Our claim outlived its lease and another request took the key over: this one must not commit.
  if (updated !== 1) throw new ConflictError('IDEMPOTENCY.CLAIM_LOST', 'This request took longer than the Idempotency-Key lease; another request with the key took over');
  return () => {
    claim.committedAnswer = answer;
  };
}

/**
 * Erasure: the remembered answers that mention `id` (a household's id) are replaced by
 * `{"erased": true}`. The keys stay, so a late retry still does not run its command again.
 */
export async function redactIdempotentAnswersAbout(manager: EntityManager, id: string): Promise<number> {
  const [, redacted] = await manager.query<[unknown[], number]>(
    `UPDATE idempotency_keys SET body = '{"erased": true}'::jsonb WHERE status IS NOT NULL AND position($1 in body::text) > 0`,
    [id],
  );
  return redacted;
}
