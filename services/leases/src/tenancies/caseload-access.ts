import { Actor } from '@hearth/auth';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { KnownHousehold } from '../directory/known-records.entity';
import { Tenancy } from './domain/tenancy.entity';

/** A caseworker reads only the tenancies of households on their caseload (as applicants announced it); anyone else's looks missing. */
export async function isOnCaseload(manager: EntityManager, actor: Actor, householdId: string): Promise<boolean> {
  if (actor.role !== 'caseworker') return false;
  const household = await manager.findOneBy(KnownHousehold, { householdId });
  return household?.caseworkerId === actor.id;
}

export function scopeToCaseload(query: SelectQueryBuilder<Tenancy>, actor: Actor): SelectQueryBuilder<Tenancy> {
  return query.andWhere('t.household_id IN (SELECT household_id FROM known_households WHERE caseworker_id = :caseworkerId)', { caseworkerId: actor.id });
}
