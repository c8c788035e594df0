import { Actor, isStaff } from '@hearth/auth';

/**
 * Who sees what in mediation (deny by default): staff everything; a caseworker the cases of the
 * households on their caseload; a mediator the cases assigned to them; a landlord the complaints
 * they filed and, for their flats, that a case exists and its outcome; board members aggregates only.
 */
export interface CaseScope {
  householdCaseworkerId: string | null;
  handlerIds: readonly (string | null)[];
  filedBy?: string | null;
  landlordId?: string | null;
}

export type Visibility = 'full' | 'filed_by_landlord' | 'landlord_summary' | 'none';

export function visibilityOf(actor: Actor, scope: CaseScope): Visibility {
  if (isStaff(actor)) return 'full';
  if (actor.role === 'caseworker') {
    return scope.householdCaseworkerId === actor.id || scope.handlerIds.includes(actor.id) || (!!scope.filedBy && scope.filedBy === actor.id) ? 'full' : 'none';
  }
  if (actor.role === 'mediator') return scope.handlerIds.includes(actor.id) ? 'full' : 'none';
  if (actor.role === 'landlord') {
    if (scope.filedBy && scope.filedBy === actor.id) return 'filed_by_landlord';
    if (scope.landlordId && scope.landlordId === actor.landlordId) return 'landlord_summary';
  }
  return 'none';
}

/** Roles that may handle a case they are assigned to. */
export function mayHandle(actor: Actor, handlerIds: readonly (string | null)[]): boolean {
  return isStaff(actor) || ((actor.role === 'mediator' || actor.role === 'caseworker') && handlerIds.includes(actor.id));
}
