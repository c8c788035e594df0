import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TooManyRequestsError } from './rate-limit.errors';

export const WRITES_THROTTLER = 'writes';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Skips reads: only writes are limited. */
export function isRead(context: ExecutionContext): boolean {
  return READ_METHODS.has(context.switchToHttp().getRequest<IncomingMessage>().method ?? 'GET');
}

/**
 * Limits the writes (POST, PUT, PATCH, DELETE) of one caller across every route of the service:
 * a caller is its bearer token (hashed; a forged one fails authentication, which has a limit of its
 * own) or, without one, its address. Registered globally by PlatformModule; counters in
 * RateLimitStore, so shared by every instance.
 */
@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: IncomingMessage & { ip?: string }): Promise<string> {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token) return `token:${createHash('sha256').update(token).digest('base64url')}`;
    return `address:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyRequestsError(
      'RATE_LIMIT.WRITES',
      `More than ${detail.limit} changes in ${Math.round(detail.ttl / 1000)} s`,
      detail.timeToBlockExpire,
      context.switchToHttp().getResponse<ServerResponse>(),
    );
  }
}
