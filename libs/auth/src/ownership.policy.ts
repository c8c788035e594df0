import { NotFoundException } from '@nestjs/common';
import type { Actor } from './actor';
import { STAFF_ROLES } from './role';

export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}

/**
 * Lets a landlord see only records of their own landlord id. Refuses with a 404, never a
 * 403, so a landlord cannot learn that someone else's record exists. Pass `notFound` to
 * throw the same error the service throws for a record that really is missing.
 */
export function assertCanSeeLandlordRecord(
  actor: Actor,
  ownerLandlordId: string,
  notFound: () => Error = () => new NotFoundException(),
): void {
  if (actor.role === 'landlord' && actor.landlordId !== ownerLandlordId) {
    throw notFound();
  }
}

/** The landlord id a list query must be restricted to: the caller's own for a landlord, none otherwise. */
export function scopeLandlordId(actor: Actor): string | undefined {
  return actor.role === 'landlord' ? actor.landlordId : undefined;
}
