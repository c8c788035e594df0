import { DomainError, withTimeout } from '@hearth/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, REDIS } from '../gateway.tokens';

const REDIS_TIMEOUT_MS = 1_000;

export class TooManyAttemptsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('AUTH.TOO_MANY_ATTEMPTS', 'Too many failed sign-ins from this address; wait before trying again', 429, { retryAfterSeconds });
  }
}

/**
 * Counts failed sign-ins per account and per address in Redis, so every gateway instance sees the
 * same counts. An address over SIGN_IN_ADDRESS_MAX_FAILURES within the window is refused (429);
 * an account reaching SIGN_IN_MAX_FAILURES consecutive failures is locked (the caller records the
 * lock on the user). Redis not answering fails closed (503): sign-in waits rather than guessing.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async assertAddressAllowed(address: string): Promise<void> {
    const key = this.addressKey(address);
    const [count, ttl] = await withTimeout(Promise.all([this.redis.get(key), this.redis.pttl(key)]), REDIS_TIMEOUT_MS, 'Redis (sign-in throttle)');
    if (Number(count ?? 0) >= this.config.SIGN_IN_ADDRESS_MAX_FAILURES) {
      throw new TooManyAttemptsError(Math.max(1, Math.ceil(ttl / 1000)));
    }
  }

  /** Records a failure; returns the account's consecutive failures within the window. */
  async recordFailure(emailKey: string, address: string): Promise<number> {
    const windowMs = this.config.SIGN_IN_FAILURE_WINDOW * 1000;
    const results = await withTimeout(
      this.redis
        .multi()
        .incr(this.accountKey(emailKey))
        .pexpire(this.accountKey(emailKey), windowMs)
        .incr(this.addressKey(address))
        .pexpire(this.addressKey(address), windowMs, 'NX')
        .exec(),
      REDIS_TIMEOUT_MS,
      'Redis (sign-in throttle)',
    );
    return Number(results?.[0]?.[1] ?? 0);
  }

  async clearAccount(emailKey: string): Promise<void> {
    await withTimeout(this.redis.del(this.accountKey(emailKey)), REDIS_TIMEOUT_MS, 'Redis (sign-in throttle)');
  }

  private accountKey(emailKey: string): string {
    return `${this.config.BULLMQ_PREFIX}:sign-in:account:${emailKey}`;
  }

  private addressKey(address: string): string {
    return `${this.config.BULLMQ_PREFIX}:sign-in:address:${address}`;
  }
}
