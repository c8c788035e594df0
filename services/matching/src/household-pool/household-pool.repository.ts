import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnknownHouseholdError } from './household-pool.errors';
import { WaitlistedHousehold } from './waitlisted-household.entity';

@Injectable()
export class HouseholdPool {
  find(manager: EntityManager, householdId: string): Promise<WaitlistedHousehold | null> {
    return manager.findOneBy(WaitlistedHousehold, { householdId });
  }

  async get(manager: EntityManager, householdId: string): Promise<WaitlistedHousehold> {
    const household = await this.find(manager, householdId);
    if (!household) throw new UnknownHouseholdError(householdId);
    return household;
  }

  /** Matching's own mark on an accepted offer: the household is not matched again until applicants says otherwise. */
  async markOffered(manager: EntityManager, householdId: string): Promise<void> {
    await manager.query("UPDATE waitlisted_households SET status = 'offered', updated_at = now() WHERE household_id = $1", [householdId]);
  }
}
