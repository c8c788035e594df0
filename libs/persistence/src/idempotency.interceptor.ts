import { ConflictError, DomainError, ValidationError } from '@hearth/platform';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { DataSource } from 'typeorm';

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

/**
 * A POST sent again with the same Idempotency-Key (same caller) gets the first answer back and
 * changes nothing: a retry over a flaky connection does not register an owner twice. A key
 * reused for a different request is refused (422); a retry while the first is still running
 * gets 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

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
    const claimed: unknown[] = await this.dataSource.query(
      'INSERT INTO idempotency_keys (actor_id, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key',
      [actorId, key, fingerprint],
    );
    if (claimed.length === 0) return of(await this.replay(context, actorId, key, fingerprint));

    const response = context.switchToHttp().getResponse<{ statusCode: number }>();
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.dataSource
            .query('UPDATE idempotency_keys SET status = $3, body = $4 WHERE actor_id = $1 AND key = $2', [actorId, key, response.statusCode, JSON.stringify(body ?? null)])
            .then(() => body),
        ),
      ),
      catchError((error: unknown) =>
        // A refused request may be corrected and retried with the same key.
        from(this.dataSource.query('DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2', [actorId, key])).pipe(
          mergeMap(() => {
            throw error;
          }),
        ),
      ),
    );
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
