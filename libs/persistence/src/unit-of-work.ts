import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { storeAnswerWithEffect } from './idempotency-claim';

interface ActiveTransaction {
  manager: EntityManager;
  afterCommit: (() => Promise<unknown> | unknown)[];
}

const activeTransaction = new AsyncLocalStorage<ActiveTransaction>();

/**
 * Runs work in one database transaction. Nested calls join the transaction already open in the
 * same async context: an event consumer opens it (inbox row), and the command handler it
 * dispatches writes the state change and its outbox rows into the same transaction.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = activeTransaction.getStore();
    if (current) return work(current.manager);
    const transaction: ActiveTransaction = { manager: undefined as unknown as EntityManager, afterCommit: [] };
    let answerCommitted: (() => void) | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      transaction.manager = manager;
      const value = await activeTransaction.run(transaction, () => work(manager));
      // A request with an Idempotency-Key: its answer commits with the effect (see idempotency-claim).
      answerCommitted = await storeAnswerWithEffect(manager, value);
      return value;
    });
    answerCommitted?.();
    await this.runAfterCommit(transaction.afterCommit);
    return result;
  }

  /**
   * Runs `callback` once the transaction open in this context has committed (at once when none is
   * open, and then the returned promise waits for it), never inside it: queueing a job or any other Redis or network call must not hold row
   * locks while it waits. A failure is logged, not thrown — the work it started must also be
   * derivable from the committed state (each service's sweeps queue again what is due).
   */
  afterCommit(callback: () => Promise<unknown> | unknown): Promise<void> {
    const current = activeTransaction.getStore();
    if (!current) return this.runAfterCommit([callback]);
    current.afterCommit.push(callback);
    return Promise.resolve();
  }

  private async runAfterCommit(callbacks: (() => Promise<unknown> | unknown)[]): Promise<void> {
    for (const callback of callbacks) {
      try {
        await callback();
      } catch (error) {
        this.logger.warn({ err: error }, 'work after commit failed; the next sweep catches it up');
      }
    }
  }
}
