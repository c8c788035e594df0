import { ApiProblemResponses } from '@hearth/platform';
import { bearerToken, Roles, STAFF_ROLES } from '@hearth/auth';
import { Controller, Req, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { decodeJwt } from 'jose';
import { Observable } from 'rxjs';
import { LiveUpdates } from './live-updates';

/** A comment-free keep-alive: proxies close event streams that stay silent for a minute. */
const PING_MS = 25_000;

@ApiTags('live')
@ApiProblemResponses()
@Controller('events')
export class LiveUpdatesController {
  constructor(private readonly live: LiveUpdates) {}

  /**
   * Server-sent events: `{ type, occurredAt, unitId?, offerId?, runId? }` for each offer, run and
   * flat event as it happens. The stream ends when the access token that opened it expires (a
   * revoked session does not keep listening); the console reconnects with a fresh token.
   */
  @Sse()
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ description: 'text/event-stream of changes (ids only); ends when the access token expires' })
  follow(@Req() request: Request): Observable<MessageEvent> {
    const expiresAt = (decodeJwt(bearerToken(request) ?? '').exp ?? 0) * 1000;
    return new Observable<MessageEvent>((subscriber) => {
      subscriber.next({ type: 'ready', data: {} });
      const unsubscribe = this.live.subscribe((notice) => subscriber.next({ data: notice }));
      const ping = setInterval(() => subscriber.next({ type: 'ping', data: {} }), PING_MS);
      const end = setTimeout(() => subscriber.complete(), Math.max(0, expiresAt - Date.now()));
      return () => {
        unsubscribe();
        clearInterval(ping);
        clearTimeout(end);
      };
    });
  }
}
