import { ReadModel, ResettableReadModel } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The flats matching knows (from hearth.units), rebuilt from snapshots after a reset; their
 *  stored shortlists go with them (the shortlist sweep computes them again). */
@Injectable()
@ReadModel('unit-pool')
export class UnitPoolReadModel implements ResettableReadModel {
  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM shortlists');
    await manager.query('DELETE FROM available_units');
  }
}

/** The households matching knows (from hearth.applicants), rebuilt from snapshots after a reset. */
@Injectable()
@ReadModel('household-pool')
export class HouseholdPoolReadModel implements ResettableReadModel {
  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM waitlisted_households');
  }
}
