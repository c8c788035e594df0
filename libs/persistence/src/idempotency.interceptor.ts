import { ConflictError, DomainError, ValidationError } from '@hearth/platform';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { DataSource } from 'typeorm';
import { IdempotencyClaim, runWithIdempotencyClaim } from './idempotency-claim';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions } from './idempotency.options';

const HEADER = 'idempotency-key';

interface HttpRequest {
  method: string;
  originalUrl: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  actor?: { id: string };
}

interface StoredAnswer {
  fingerprint: string;
  status: number | null;
  body: unknown;
}

/*
 * Claims the key, or takes it over when the answer it holds has expired (older than the TTL) or
 * when its claim was abandoned (no answer within the lease: the request that held it crashed).
 */
const CLAIM = `
  INSERT INTO idempotency_keys AS k (actor_id, key, fingerprint, claim_id, claimed_at, created_at)
  VALUES ($1, $2, $3, $4, now(), now())
  ON CONFLICT (actor_id, key) DO UPDATE
    SET fingerprint = EXCLUDED.fingerprint, claim_id = EXCLUDED.claim_id, claimed_at = now(), created_at = now(), status = NULL, body = NULL
    WHERE k.created_at < now() - $5 * interval '1 millisecond'
       OR (k.status IS NULL AND k.claimed_at < now() - $6 * interval '1 millisecond')
  RETURNING key`;

/**
 * A POST sent again with the same Idempotency-Key (same caller) gets the first answer back and
 * changes nothing: a retry over a flaky connection does not register an owner twice. A key
 * reused for a different request is refused (422); a retry while the first is still running
 * gets 409.
 *
 * At most once, even when something fails: the answer is stored by the command's own
 * transaction, before it commits (UnitOfWork calls storeAnswerWithEffect), so the effect and the
 * answer commit together or not at all. A request that failed before any commit releases its key
 * (it may be corrected and retried); once an effect has committed, the key keeps the answer that
 * transaction returned, whatever happens afterwards. The answer actually sent is stored once more
 * after the handler when it differs (a handler that shapes its answer after the commit, or a POST
 * that writes nothing).
 *
 * Keys expire: an answer is replayed for `ttlMs` (24 h), then the key is free again and the row
 * is purged (IdempotencyKeyPurger). A claim without an answer older than `claimLeaseMs` was left
 * by a crashed request and is taken over, so no client is locked out of a key for ever; a slow
 * request whose claim was taken over cannot commit (storeAnswerWithEffect refuses it).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly ttlMs: number;
  private readonly claimLeaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_OPTIONS) options: Required<IdempotencyOptions>,
  ) {
    this.ttlMs = options.ttlMs;
    this.claimLeaseMs = options.claimLeaseMs;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || typeof key !== 'string') return next.handle();
    return this.handleOnce(context, next, request, key);
  }

  private async handleOnce(context: ExecutionContext, next: CallHandler, request: HttpRequest, key: string): Promise<Observable<unknown>> {
    if (key.length < 8 || key.length > 200) {
      throw new ValidationError([{ field: 'Idempotency-Key', message: 'must be 8 to 200 characters' }]);
    }
    const actorId = request.actor?.id ?? 'anonymous';
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl} ${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const claimId = randomUUID();
    const claimed: unknown[] = await this.dataSource.query(CLAIM, [actorId, key, fingerprint, claimId, this.ttlMs, this.claimLeaseMs]);
    if (claimed.length === 0) return of(await this.replay(context, actorId, key, fingerprint));

    const response = context.switchToHttp().getResponse<{ statusCode: number }>();
    const claim: IdempotencyClaim = { actorId, key, claimId, status: response.statusCode };
    return new Observable((subscriber) =>
      runWithIdempotencyClaim(claim, () =>
        next
          .handle()
          .pipe(
            mergeMap((body) => from(this.storeSentAnswer(claim, body).then(() => body))),
            catchError((error: unknown) =>
              from(this.release(claim)).pipe(
                mergeMap(() => {
                  throw error;
                }),
              ),
            ),
          )
          .subscribe(subscriber),
      ),
    );
  }

  private async storeSentAnswer(claim: IdempotencyClaim, body: unknown): Promise<void> {
    const answer = JSON.stringify(body ?? null);
    if (answer === claim.committedAnswer) return;
    await this.dataSource.query('UPDATE idempotency_keys SET status = $4, body = $5 WHERE actor_id = $1 AND key = $2 AND claim_id = $3', [
      claim.actorId,
      claim.key,
      claim.claimId,
      claim.status,
      answer,
    ]);
  }

  /** A request that failed before committing anything frees its key for a corrected retry. */
  private async release(claim: IdempotencyClaim): Promise<void> {
    if (claim.committedAnswer !== undefined) return;
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND claim_id = $3', [claim.actorId, claim.key, claim.claimId]);
  }

  private async replay(context: ExecutionContext, actorId: string, key: string, fingerprint: string): Promise<unknown> {
    const [stored]: (StoredAnswer | undefined)[] = await this.dataSource.query(
      'SELECT fingerprint, status, body FROM idempotency_keys WHERE actor_id = $1 AND key = $2',
      [actorId, key],
    );
    // Gone since the insert conflicted: the first request failed just now and released its key.
    if (!stored) throw new ConflictError('IDEMPOTENCY.IN_PROGRESS', 'The first request with this Idempotency-Key has just finished; retry');
    if (stored.fingerprint !== fingerprint) {
      throw new DomainError('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used for a different request', 422);
    }
    if (stored.status === null) throw new ConflictError('IDEMPOTENCY.IN_PROGRESS', 'The first request with this Idempotency-Key is still being processed');
    context.switchToHttp().getResponse<{ status(code: number): void }>().status(stored.status);
    return stored.body;
  }
}
