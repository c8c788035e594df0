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
 */
@Injectable()
export class AuthFailureLimitMiddleware implements NestMiddleware {
  constructor(
    private readonly store: RateLimitStore,
    @Inject(HTTP_SECURITY) private readonly config: HttpSecurity,
  ) {}

  async use(req: IncomingMessage & { ip?: string }, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    if (!req.headers.authorization) return next();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const { RATE_LIMIT_BLOCK_MS: blockMs } = this.config;
    // A limit no count reaches: this only reads whether recordFailure() blocked the address.
    const block = await this.store.increment(`auth-block:${address}`, blockMs, Number.MAX_SAFE_INTEGER, blockMs, 'auth-block');
    if (block.isBlocked) {
      return next(new TooManyRequestsError('RATE_LIMIT.AUTHENTICATION', 'Too many failed authentications from this address', block.timeToBlockExpire, res));
    }
    res.once('finish', () => {
      if (res.statusCode === 401) void this.recordFailure(address).catch(() => undefined);
    });
    next();
  }

  private async recordFailure(address: string): Promise<void> {
    const { RATE_LIMIT_AUTH_FAILURES: limit, RATE_LIMIT_WINDOW_MS: windowMs, RATE_LIMIT_BLOCK_MS: blockMs } = this.config;
    const failures = await this.store.increment(`auth-failures:${address}`, windowMs, limit, blockMs, 'auth-failures');
    // A limit of 0: this call itself blocks the address for blockMs.
    if (failures.isBlocked) await this.store.increment(`auth-block:${address}`, blockMs, 0, blockMs, 'auth-block');
  }
}
