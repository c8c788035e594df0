import { createLogger } from '@hearth/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions } from './idempotency.options';

/**
 * Deletes Idempotency-Keys whose answer has expired (and abandoned claims past both the TTL and
 * the lease), at start-up and every `purgeIntervalMs`. Several instances purging at once is
 * harmless. A failure (the database restarting) waits for the next round.
 */
@Injectable()
export class IdempotencyKeyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly logger = createLogger('persistence').child({ component: 'idempotency-purge' });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: Required<IdempotencyOptions>,
  ) {}

  onApplicationBootstrap(): void {
    void this.purge();
    this.timer = setInterval(() => void this.purge(), this.options.purgeIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(): Promise<number> {
    try {
      const [, deleted] = await this.dataSource.query<[unknown[], number]>(
        `DELETE FROM idempotency_keys
          WHERE created_at < now() - $1 * interval '1 millisecond'
            AND (status IS NOT NULL OR claimed_at < now() - $2 * interval '1 millisecond')`,
        [this.options.ttlMs, this.options.claimLeaseMs],
      );
      return deleted;
    } catch (error) {
      this.logger.warn({ err: error }, 'expired Idempotency-Keys not purged this round');
      return 0;
    }
  }
}
