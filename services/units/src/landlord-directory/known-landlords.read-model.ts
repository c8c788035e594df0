import { ReadModel, ResettableReadModel } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The landlord directory, rebuilt from hearth.landlords (snapshots) after a reset. */
@Injectable()
@ReadModel('known-landlords')
export class KnownLandlordsReadModel implements ResettableReadModel {
  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM known_landlords');
  }
}
