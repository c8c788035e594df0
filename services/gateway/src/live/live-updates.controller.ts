import { ApiProblemResponses } from '@hearth/platform';
import { Actor, bearerToken, CurrentActor, Roles } from '@hearth/auth';
import { Controller, Req, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { decodeJwt } from 'jose';
import { Observable } from 'rxjs';
import { LiveAudiences } from './live-audience';
import { LiveUpdates } from './live-updates';

/** A comment-free keep-alive: proxies close event streams that stay silent for a minute. */
const PING_MS = 25_000;

@ApiTags('live')
@ApiProblemResponses()
@Controller('events')
export class LiveUpdatesController {
  constructor(
    private readonly live: LiveUpdates,
    private readonly audiences: LiveAudiences,
  ) {}

  /**
   * Server-sent events: `{ type, occurredAt, unitId?, offerId?, runId? }` for each offer, run and
   * flat event as it happens. Staff receive every one; a landlord only those of their own flats; a
   * caseworker only those of the offers for households on their caseload (see LiveAudiences). Each
   * stream receives its notices in the order of the events, one decided after the other. The
   * stream ends when the access token that opened it expires (a revoked session does not keep
   * listening); the console reconnects with a fresh token.
   */
  @Sse()
  @Roles(...LiveAudiences.ROLES)
  @ApiOkResponse({ description: 'text/event-stream of changes (ids only); ends when the access token expires' })
  follow(@Req() request: Request, @CurrentActor() actor: Actor): Observable<MessageEvent> {
    const token = bearerToken(request) ?? '';
    const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
    return new Observable<MessageEvent>((subscriber) => {
      subscriber.next({ type: 'ready', data: {} });
      let decided: Promise<unknown> = Promise.resolve();
      const unsubscribe = this.live.subscribe((notice, audience) => {
        decided = decided
          .then(() => this.audiences.mayReceive(actor, token, notice, audience))
          .then((allowed) => {
            if (allowed && !subscriber.closed) subscriber.next({ data: notice });
          });
      });
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
