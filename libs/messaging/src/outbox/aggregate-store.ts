import { saveVersioned, VersionedEntity } from '@hearth/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget } from 'typeorm';
import { EventOutbox, NewEvent } from './event-outbox';

/** The one way a use case commits a change: the aggregate (optimistically versioned) and the
 *  events it caused, in the caller's transaction. */
@Injectable()
export class AggregateStore {
  constructor(private readonly outbox: EventOutbox) {}

  async save<E extends VersionedEntity>(
    manager: EntityManager,
    target: EntityTarget<E>,
    aggregate: E,
    events: (version: number) => NewEvent[],
  ): Promise<E> {
    await saveVersioned(manager, target, aggregate);
    await this.outbox.append(manager, events(aggregate.version));
    return aggregate;
  }
}
