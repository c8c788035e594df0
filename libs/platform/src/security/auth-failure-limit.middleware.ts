import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_SECURITY, type HttpSecurity } from './http-security';
import { RateLimitStore } from './rate-limit.store';
import { TooManyRequestsError } from './rate-limit.errors';

/**
 * Limits failed authentications per address: every 401 answered to a request that carried
 * credentials counts; past RATE_LIMIT_AUTH_FAILURES in a window, the address is blocked for
 * RATE_LIMIT_BLOCK_MS and every request from it that carries credentials is answered 429 before
 * anyone looks at them, right or wrong, so guessing gains nothing. Requests without credentials
 * (public routes) are never blocked. Works for any authentication (tokens, /metrics, /docs), as it
 * only watches the answers.
 *
 * An address found not blocked is not asked about again for NOT_BLOCKED_RECHECK_MS (a busy caller
 * would otherwise cost a Redis round trip on every request): a block recorded by this instance
 * takes effect at once, one recorded by another instance within that time (decisions/0080).
 */
@Injectable()
export class AuthFailureLimitMiddleware implements NestMiddleware {
  /** Addresses last found not blocked, and when (ms); oldest first, at most NOT_BLOCKED_CACHE_SIZE. */
  private readonly notBlockedAt = new Map<string, number>();

  constructor(
    private readonly store: RateLimitStore,
    @Inject(HTTP_SECURITY) private readonly config: HttpSecurity,
  ) {}

  async use(req: IncomingMessage & { ip?: string }, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    if (!req.headers.authorization) return next();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if (!this.recentlyNotBlocked(address)) {
      const { RATE_LIMIT_BLOCK_MS: blockMs } = this.config;
      // A limit no count reaches: this only reads whether recordFailure() blocked the address.
      const block = await this.store.increment(`auth-block:${address}`, blockMs, Number.MAX_SAFE_INTEGER, blockMs, 'auth-block');
      if (block.isBlocked) {
        return next(new TooManyRequestsError('RATE_LIMIT.AUTHENTICATION', 'Too many failed authentications from this address', block.timeToBlockExpire, res));
      }
      this.rememberNotBlocked(address);
    }
    res.once('finish', () => {
      if (res.statusCode === 401) void this.recordFailure(address).catch(() => undefined);
    });
    next();
  }

  private recentlyNotBlocked(address: string): boolean {
    const at = this.notBlockedAt.get(address);
    return at !== undefined && Date.now() - at < NOT_BLOCKED_RECHECK_MS;
  }

  private rememberNotBlocked(address: string): void {
    this.notBlockedAt.delete(address);
    if (this.notBlockedAt.size >= NOT_BLOCKED_CACHE_SIZE) this.notBlockedAt.delete(this.notBlockedAt.keys().next().value!);
    this.notBlockedAt.set(address, Date.now());
  }

  private async recordFailure(address: string): Promise<void> {
    // Every failure sends the address's next request back to the store.
    this.notBlockedAt.delete(address);
    const { RATE_LIMIT_AUTH_FAILURES: limit, RATE_LIMIT_WINDOW_MS: windowMs, RATE_LIMIT_BLOCK_MS: blockMs } = this.config;
    const failures = await this.store.increment(`auth-failures:${address}`, windowMs, limit, blockMs, 'auth-failures');
    // A limit of 0: this call itself blocks the address for blockMs.
    if (failures.isBlocked) await this.store.increment(`auth-block:${address}`, blockMs, 0, blockMs, 'auth-block');
    this.notBlockedAt.delete(address);
  }
}

/** How long an address found not blocked is taken as not blocked without asking the store again. */
export const NOT_BLOCKED_RECHECK_MS = 1_000;
const NOT_BLOCKED_CACHE_SIZE = 10_000;
