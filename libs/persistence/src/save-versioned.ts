import { ConflictError } from '@hearth/platform';
import { EntityManager, EntityTarget } from 'typeorm';
import { VersionedEntity } from './versioned-entity';

export class StaleAggregateError extends ConflictError {
  constructor(aggregate: string, id: string) {
    super('CONCURRENCY.STALE', `${aggregate} ${id} was changed by someone else; reload it and try again`);
  }
}

/** Rejects a client that edits from an out-of-date copy (If-Match / expectedVersion). */
export function assertExpectedVersion(aggregate: string, entity: VersionedEntity, expected: number | undefined): void {
  if (expected !== undefined && expected !== entity.version) throw new StaleAggregateError(aggregate, entity.id);
}

/**
 * Inserts a new aggregate (version 0 → 1) or updates it only if nobody changed it since it was
 * read: `UPDATE … WHERE id = $1 AND version = $2`. The entity's version is bumped in place.
 */
export async function saveVersioned<E extends VersionedEntity>(
  manager: EntityManager,
  target: EntityTarget<E>,
  entity: E,
): Promise<E> {
  const repository = manager.getRepository(target);
  if (!entity.version) {
    entity.version = 1;
    await repository.insert(entity as never);
    return entity;
  }
  const { id, version, createdAt: _createdAt, updatedAt: _updatedAt, ...changes } = entity;
  const result = await repository.update({ id, version } as never, { ...changes, version: version + 1 } as never);
  if (result.affected !== 1) throw new StaleAggregateError(repository.metadata.name, id);
  entity.version = version + 1;
  return entity;
}
