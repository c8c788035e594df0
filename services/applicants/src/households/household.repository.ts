import { Actor } from '@hearth/auth';
import { AggregateStore, NewEvent } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Household } from './domain/household.entity';
import { assertCanSeeHousehold } from './household-access';
import { HouseholdNotFoundError } from './household.errors';

@Injectable()
export class HouseholdRepository {
  constructor(private readonly store: AggregateStore) {}

  /** Loads a household for a change, row-locked; one off the caller's caseload looks missing. */
  async getForUpdate(manager: EntityManager, id: string, actor: Actor): Promise<Household> {
    const household = await manager.findOne(Household, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!household) throw new HouseholdNotFoundError(id);
    assertCanSeeHousehold(actor, household, () => new HouseholdNotFoundError(id));
    return household;
  }

  /** For the board, which knows households only by reference. */
  async getByReferenceForUpdate(manager: EntityManager, reference: string): Promise<Household> {
    const household = await manager.findOne(Household, { where: { reference }, lock: { mode: 'pessimistic_write' } });
    if (!household) throw new HouseholdNotFoundError(reference);
    return household;
  }

  async get(manager: EntityManager, id: string, actor: Actor): Promise<Household> {
    const household = await manager.findOneBy(Household, { id });
    if (!household) throw new HouseholdNotFoundError(id);
    assertCanSeeHousehold(actor, household, () => new HouseholdNotFoundError(id));
    return household;
  }

  /** Saves the change with its events; each call is one version, so pass one event per save. */
  save(manager: EntityManager, household: Household, events: (version: number) => NewEvent[]): Promise<Household> {
    return this.store.save(manager, Household, household, events);
  }
}
