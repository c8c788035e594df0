import { Actor } from '@hearth/auth';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { WaitlistedHousehold } from '../household-pool/waitlisted-household.entity';
import { Offer } from './domain/offer.entity';
import { OfferNotFoundError } from './offer.errors';

/** A caseworker sees and answers only the offers of households on their caseload; anyone else's
 *  offer looks missing (404), so its existence does not leak. Staff see every offer. */
export async function assertOnCaseload(manager: EntityManager, actor: Actor, offer: Offer): Promise<void> {
  if (actor.role !== 'caseworker') return;
  const household = await manager.findOneBy(WaitlistedHousehold, { householdId: offer.householdId });
  if (household?.caseworkerId !== actor.id) throw new OfferNotFoundError(offer.id);
}

export function scopeToCaseload(query: SelectQueryBuilder<Offer>, actor: Actor): SelectQueryBuilder<Offer> {
  if (actor.role !== 'caseworker') return query;
  return query.andWhere('o.household_id IN (SELECT household_id FROM waitlisted_households WHERE caseworker_id = :caseworkerId)', { caseworkerId: actor.id });
}
