import { z } from 'zod';
import { defineEvent } from '../event-definition';

export const unitStatusSchema = z.enum(['draft', 'pending_inspection', 'available', 'reserved', 'let', 'vacating', 'withdrawn']);

/** The attributes other services (inspections, matching) need to know a flat by. */
export const unitAttributesSchema = z.object({
  unitId: z.uuid(),
  landlordId: z.uuid(),
  buildingId: z.string().min(1),
  district: z.string().min(1),
  postalCode: z.string().min(1),
  city: z.string().min(1),
  address: z.string().min(1),
  type: z.string().min(1),
  bedrooms: z.number().int().nonnegative(),
  floorArea: z.number().positive(),
  maxOccupants: z.number().int().positive(),
  rent: z.number().nonnegative(),
  serviceCharges: z.number().nonnegative(),
  wheelchairAccessible: z.boolean(),
  stepFree: z.boolean(),
  petsAllowed: z.boolean(),
  availableFrom: z.iso.date().nullable(),
});

const unitRef = { unitId: z.uuid(), landlordId: z.uuid() };

export const UnitDrafted = defineEvent({ type: 'UnitDrafted', source: 'units', aggregateType: 'Unit', payload: unitAttributesSchema });
export const UnitUpdated = defineEvent({ type: 'UnitUpdated', source: 'units', aggregateType: 'Unit', payload: unitAttributesSchema });
export const UnitSubmittedForInspection = defineEvent({
  type: 'UnitSubmittedForInspection',
  source: 'units',
  aggregateType: 'Unit',
  payload: unitAttributesSchema,
});
export const UnitWithdrawn = defineEvent({
  type: 'UnitWithdrawn',
  source: 'units',
  aggregateType: 'Unit',
  payload: z.object({ ...unitRef, reason: z.string().min(1) }),
});
export const UnitBecameAvailable = defineEvent({
  type: 'UnitBecameAvailable',
  source: 'units',
  aggregateType: 'Unit',
  payload: unitAttributesSchema,
});
export const UnitSuspendedForRepairs = defineEvent({
  type: 'UnitSuspendedForRepairs',
  source: 'units',
  aggregateType: 'Unit',
  payload: z.object({ ...unitRef, inspectionId: z.uuid() }),
});
export const UnitReserved = defineEvent({
  type: 'UnitReserved',
  source: 'units',
  aggregateType: 'Unit',
  payload: z.object({ ...unitRef, offerId: z.uuid() }),
});
export const UnitReleased = defineEvent({
  type: 'UnitReleased',
  source: 'units',
  aggregateType: 'Unit',
  payload: z.object({ ...unitRef, offerId: z.uuid() }),
});
export const UnitLet = defineEvent({
  type: 'UnitLet',
  source: 'units',
  aggregateType: 'Unit',
  payload: z.object({ ...unitRef, leaseId: z.uuid() }),
});
export const UnitVacating = defineEvent({
  type: 'UnitVacating',
  source: 'units',
  aggregateType: 'Unit',
  payload: z.object({ ...unitRef, leaseId: z.uuid(), vacatingOn: z.iso.date() }),
});
