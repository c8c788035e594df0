import { Actor, assertCanSeeLandlordRecord } from '@hearth/auth';
import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KnownLandlord } from '../landlord-directory/known-landlord.entity';
import { Unit } from './domain/unit.entity';
import { LandlordNotActiveError, NoSignedAgreementError, UnitNotFoundError } from './unit.errors';

@Injectable()
export class UnitRepository {
  constructor(private readonly store: AggregateStore) {}

  /** Loads a unit for a change, row-locked; null if there is no such unit. */
  findForUpdate(manager: EntityManager, id: string): Promise<Unit | null> {
    return manager.findOne(Unit, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Loads a unit for a change, row-locked; a landlord asking for someone else's flat gets 404. */
  async getForUpdate(manager: EntityManager, id: string, actor: Actor): Promise<Unit> {
    const unit = await this.findForUpdate(manager, id);
    if (!unit) throw new UnitNotFoundError(id);
    assertCanSeeLandlordRecord(actor, unit.landlordId, () => new UnitNotFoundError(id));
    return unit;
  }

  save(manager: EntityManager, unit: Unit, events: (version: number) => NewEvent[]): Promise<Unit> {
    return this.store.save(manager, Unit, unit, events);
  }

  /** Flats are listed only for landlords the landlords service has verified and not suspended. */
  async activeLandlord(manager: EntityManager, landlordId: string, options: { requireAgreement: boolean }): Promise<KnownLandlord> {
    const landlord = await manager.findOneBy(KnownLandlord, { id: landlordId });
    if (!landlord?.canListFlats) throw new LandlordNotActiveError(landlordId);
    if (options.requireAgreement && landlord.signedAgreementIds.length === 0) throw new NoSignedAgreementError(landlordId);
    return landlord;
  }
}
