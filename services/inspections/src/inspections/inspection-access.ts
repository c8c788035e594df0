import { Actor, isStaff } from '@hearth/auth';
import { Inspection } from './domain/inspection.entity';
import { InspectionNotFoundError } from './inspection.errors';

/**
 * Who sees an inspection: staff all of them, an inspector those assigned to them, a landlord those
 * of their own flats. Anyone else's inspection answers 404, as if it did not exist.
 */
export function canSeeInspection(actor: Actor, inspection: Pick<Inspection, 'landlordId' | 'inspectorId'>): boolean {
  if (isStaff(actor)) return true;
  if (actor.role === 'inspector') return inspection.inspectorId === actor.id;
  if (actor.role === 'landlord') return inspection.landlordId === actor.landlordId;
  return false;
}

/** Who records results, no access or completion: staff, or the inspector it is assigned to. */
export function canRecordInspection(actor: Actor, inspection: Pick<Inspection, 'inspectorId'>): boolean {
  return isStaff(actor) || (actor.role === 'inspector' && inspection.inspectorId === actor.id);
}

export function assertCanSeeInspection(actor: Actor, inspection: Inspection): void {
  if (!canSeeInspection(actor, inspection)) throw new InspectionNotFoundError(inspection.id);
}

export function assertCanRecordInspection(actor: Actor, inspection: Inspection): void {
  if (!canRecordInspection(actor, inspection)) throw new InspectionNotFoundError(inspection.id);
}
