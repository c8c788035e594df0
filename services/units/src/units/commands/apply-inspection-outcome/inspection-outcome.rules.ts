import { deficiencySeveritySchema, inspectionOutcomeSchema, inspectionTypeSchema } from '@hearth/contracts';
import { z } from 'zod';
import { PendingReason, UnitStatus, UnitTransition } from '../../domain/unit-status';

export type InspectionType = z.infer<typeof inspectionTypeSchema>;
export type DeficiencySeverity = z.infer<typeof deficiencySeveritySchema>;

/** What units needs to know of a completed inspection (from InspectionCompleted). */
export interface CompletedInspection {
  inspectionId: string;
  unitId: string;
  inspectionType: InspectionType;
  outcome: z.infer<typeof inspectionOutcomeSchema>;
  mostSevere: DeficiencySeverity | null;
}

/** Inspections whose failure can take a flat off the market, and whose pass brings it back. */
const SUSPENDING_TYPES: readonly InspectionType[] = ['periodic', 'complaint'];
const SERIOUS: readonly (DeficiencySeverity | null)[] = ['life_threatening', 'severe'];
/** Which inspections may release a pending flat, by why it is pending (null: not recorded, either).
 *  A move-out inspection's re-inspection is a move-out inspection too. */
const RELEASED_BY: Record<PendingReason | 'unrecorded', readonly InspectionType[]> = {
  initial_inspection: ['initial'],
  repairs: [...SUSPENDING_TYPES, 'move_out'],
  unrecorded: ['initial', ...SUSPENDING_TYPES],
};

/**
 * How a completed inspection moves a flat, if at all:
 * - a passed initial inspection (or its re-inspection) makes a flat awaiting its first inspection
 *   available;
 * - a failed periodic or complaint inspection with a life-threatening or severe deficiency sends
 *   an available flat back to pending_inspection, for repairs;
 * - a passed periodic or complaint inspection (typically the re-inspection after the repairs)
 *   makes a flat suspended for repairs available again;
 * - the move-out inspection of a vacating flat makes it available for the next household, unless
 *   it found a life-threatening or severe deficiency: then the flat waits for repairs, and the
 *   passed re-inspection releases it.
 * Anything else leaves the flat as it is (null): an outcome that does not fit the flat's current
 * state is not an error, e.g. a late or repeated event, or a routine inspection passing while the
 * flat still awaits its initial one.
 */
export function unitTransitionFor(unit: { status: UnitStatus; pendingReason: PendingReason | null }, inspection: CompletedInspection): UnitTransition | null {
  if (unit.status === 'vacating') {
    if (inspection.inspectionType !== 'move_out') return null;
    return inspection.outcome === 'failed' && SERIOUS.includes(inspection.mostSevere) ? 'suspend_for_repairs' : 'relet_ready';
  }
  if (inspection.outcome === 'passed') {
    const releasing = RELEASED_BY[unit.pendingReason ?? 'unrecorded'];
    return unit.status === 'pending_inspection' && releasing.includes(inspection.inspectionType) ? 'pass_inspection' : null;
  }
  const serious = SUSPENDING_TYPES.includes(inspection.inspectionType) && SERIOUS.includes(inspection.mostSevere);
  return unit.status === 'available' && serious ? 'suspend_for_repairs' : null;
}
