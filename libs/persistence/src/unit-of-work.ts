import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const activeTransaction = new AsyncLocalStorage<EntityManager>();

/**
 * Runs work in one database transaction. Nested calls join the transaction already open in the
 * same async context: an event consumer opens it (inbox row), and the command handler it
 * dispatches writes the state change and its outbox rows into the same transaction.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = activeTransaction.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => activeTransaction.run(manager, () => work(manager)));
  }
}
