import { Actor, assertCanSeeLandlordRecord } from '@hearth/auth';
import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Landlord } from './domain/landlord.entity';
import { LandlordNotFoundError } from './landlord.errors';

@Injectable()
export class LandlordRepository {
  constructor(private readonly store: AggregateStore) {}

  /** Loads a landlord for a change, row-locked; another owner's record looks like a missing one. */
  async getForUpdate(manager: EntityManager, id: string, actor: Actor): Promise<Landlord> {
    const landlord = await manager.findOne(Landlord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!landlord) throw new LandlordNotFoundError(id);
    assertCanSeeLandlordRecord(actor, landlord.id, () => new LandlordNotFoundError(id));
    return landlord;
  }

  save(manager: EntityManager, landlord: Landlord, events: (version: number) => NewEvent[]): Promise<Landlord> {
    return this.store.save(manager, Landlord, landlord, events);
  }
}
