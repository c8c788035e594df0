import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AvailableUnit } from './available-unit.entity';
import { UnknownUnitError } from './unit-pool.errors';

/**
 * Row locks, always taken in the order unit → household → offer: `share` while proposing (so a
 * unit or household leaving the pool waits for the proposal and then withdraws it; two proposals
 * still race to the unique index), `update` when the row or its offers change.
 */
export type PoolLock = 'share' | 'update';

export const lockOption = (lock?: PoolLock) =>
  lock ? { lock: { mode: lock === 'share' ? ('pessimistic_read' as const) : ('pessimistic_write' as const) } } : {};

@Injectable()
export class UnitPool {
  find(manager: EntityManager, unitId: string, options: { lock?: PoolLock } = {}): Promise<AvailableUnit | null> {
    return manager.findOne(AvailableUnit, { where: { unitId }, ...lockOption(options.lock) });
  }

  async get(manager: EntityManager, unitId: string, options: { lock?: PoolLock } = {}): Promise<AvailableUnit> {
    const unit = await this.find(manager, unitId, options);
    if (!unit) throw new UnknownUnitError(unitId);
    return unit;
  }

  /** Matching's own mark on an accepted offer: the unit is taken until units says otherwise. */
  async markReserved(manager: EntityManager, unitId: string): Promise<void> {
    await manager.query("UPDATE available_units SET status = 'reserved', updated_at = now() WHERE unit_id = $1", [unitId]);
  }
}
