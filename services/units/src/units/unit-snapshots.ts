import { SYSTEM_ACTOR, UnitSnapshot } from '@hearth/contracts';
import { newEvent, PublishesSnapshots, SnapshotSource } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { Unit } from './domain/unit.entity';
import { toUnitEventAttributes } from './unit.view';

/** Every flat's attributes and status, for consumers rebuilding their read models. */
@Injectable()
@PublishesSnapshots('Unit')
export class UnitSnapshots implements SnapshotSource {
  async page(manager: EntityManager, afterId: string | null, limit: number) {
    const units = await manager.find(Unit, { where: afterId ? { id: MoreThan(afterId) } : {}, order: { id: 'ASC' }, take: limit });
    if (units.length === 0) return null;
    return {
      lastId: units[units.length - 1].id,
      events: units.map((unit) =>
        newEvent(UnitSnapshot, { aggregateId: unit.id, aggregateVersion: unit.version, actor: SYSTEM_ACTOR, payload: { ...toUnitEventAttributes(unit), status: unit.status } }),
      ),
    };
  }
}
