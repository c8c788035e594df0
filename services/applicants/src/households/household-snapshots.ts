import { HouseholdSnapshot, SYSTEM_ACTOR } from '@hearth/contracts';
import { newEvent, PublishesSnapshots, SnapshotSource } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { Household } from './domain/household.entity';
import { matchingAttributesOrNull } from './matching-attributes';

/** Every household's matching attributes (or its status alone), for consumers rebuilding their
 *  read models: what the other events carry, no personal data. */
@Injectable()
@PublishesSnapshots('Household')
export class HouseholdSnapshots implements SnapshotSource {
  async page(manager: EntityManager, afterId: string | null, limit: number) {
    const households = await manager.find(Household, { where: afterId ? { id: MoreThan(afterId) } : {}, order: { id: 'ASC' }, take: limit });
    if (households.length === 0) return null;
    return {
      lastId: households[households.length - 1].id,
      events: households.map((household) =>
        newEvent(HouseholdSnapshot, {
          aggregateId: household.id,
          aggregateVersion: household.version,
          actor: SYSTEM_ACTOR,
          payload: matchingAttributesOrNull(household) ?? { householdId: household.id, reference: household.reference, status: household.status },
        }),
      ),
    };
  }
}
