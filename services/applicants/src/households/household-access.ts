import { Actor } from '@hearth/auth';

/**
 * Staff see every household; a caseworker only the households on their caseload. Anyone else's
 * household looks missing (404), so a caseworker cannot learn which households exist.
 * Board members never reach household endpoints (their routes are the pseudonymised /board ones).
 */
export function assertCanSeeHousehold(actor: Actor, household: { caseworkerId: string | null }, notFound: () => Error): void {
  if (actor.role === 'caseworker' && household.caseworkerId !== actor.id) throw notFound();
  if (actor.role !== 'caseworker' && actor.role !== 'sra_admin' && actor.role !== 'sra_staff') throw notFound();
}

/** The caseworker a list must be restricted to: the caller's own caseload for a caseworker. */
export function caseloadOf(actor: Actor): string | undefined {
  return actor.role === 'caseworker' ? actor.id : undefined;
}

export const HOUSEHOLD_ROLES = ['sra_admin', 'sra_staff', 'caseworker'] as const;
