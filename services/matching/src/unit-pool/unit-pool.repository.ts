import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AvailableUnit } from './available-unit.entity';
import { UnknownUnitError } from './unit-pool.errors';

@Injectable()
export class UnitPool {
  find(manager: EntityManager, unitId: string, options: { lock?: boolean } = {}): Promise<AvailableUnit | null> {
    return manager.findOne(AvailableUnit, { where: { unitId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async get(manager: EntityManager, unitId: string, options: { lock?: boolean } = {}): Promise<AvailableUnit> {
    const unit = await this.find(manager, unitId, options);
    if (!unit) throw new UnknownUnitError(unitId);
    return unit;
  }

  /** Matching's own mark on an accepted offer: the unit is taken until units says otherwise. */
  async markReserved(manager: EntityManager, unitId: string): Promise<void> {
    await manager.query("UPDATE available_units SET status = 'reserved', updated_at = now() WHERE unit_id = $1", [unitId]);
  }
}
