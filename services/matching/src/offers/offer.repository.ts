import { AggregateStore, NewEvent } from '@hearth/messaging';
import { isUniqueViolation } from '@hearth/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Offer } from './domain/offer.entity';
import { LIVE_OFFER_STATUSES } from './domain/offer-status';
import { HouseholdHasLiveOfferError, OfferNotFoundError, UnitHasLiveOfferError } from './offer.errors';

@Injectable()
export class OfferRepository {
  constructor(private readonly store: AggregateStore) {}

  /** Loads an offer for a change, after locking its unit's and household's pool rows (the lock order is unit → household → offer). */
  async getForUpdate(manager: EntityManager, id: string): Promise<Offer> {
    const offer = await this.findForUpdate(manager, id);
    if (!offer) throw new OfferNotFoundError(id);
    return offer;
  }

  /** As getForUpdate; null when there is no such offer. */
  async findForUpdate(manager: EntityManager, id: string): Promise<Offer | null> {
    const found = await manager.findOne(Offer, { select: { id: true, unitId: true, householdId: true }, where: { id } });
    if (!found) return null;
    await manager.query('SELECT 1 FROM available_units WHERE unit_id = $1 FOR UPDATE', [found.unitId]);
    await manager.query('SELECT 1 FROM waitlisted_households WHERE household_id = $1 FOR UPDATE', [found.householdId]);
    return manager.findOneOrFail(Offer, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The proposed or open offers of a unit or a household, row-locked. */
  live(manager: EntityManager, where: { unitId: string } | { householdId: string }): Promise<Offer[]> {
    return manager.find(Offer, { where: { ...where, status: In([...LIVE_OFFER_STATUSES]) }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Commits the offer and its events. A second live offer for the unit or the household is refused
   * by a partial unique index, whoever got there first: answered as 409, never as a 500.
   */
  async save(manager: EntityManager, offer: Offer, events: (version: number) => NewEvent[]): Promise<Offer> {
    try {
      return await this.store.save(manager, Offer, offer, events);
    } catch (error) {
      if (isUniqueViolation(error, 'offers_one_live_per_unit')) throw new UnitHasLiveOfferError(offer.unitId);
      if (isUniqueViolation(error, 'offers_one_live_per_household')) throw new HouseholdHasLiveOfferError(offer.reference);
      throw error;
    }
  }
}
