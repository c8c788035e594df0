import { ReadModel, ResettableReadModel } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The unit directory (from hearth.units), rebuilt from snapshots after a reset. Inspections keep
 *  their own copy of what they need, so emptying it loses nothing of theirs. */
@Injectable()
@ReadModel('unit-directory')
export class KnownUnitsReadModel implements ResettableReadModel {
  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM known_units');
  }
}
