import { UnitStatus, UnitTransition } from '../../domain/unit-status';

export type InspectionType = 'initial' | 'periodic' | 'move_in' | 'move_out' | 'complaint';
export type DeficiencySeverity = 'life_threatening' | 'severe' | 'moderate' | 'low';

/** What units needs to know of a completed inspection (from InspectionCompleted). */
export interface CompletedInspection {
  inspectionId: string;
  unitId: string;
  inspectionType: InspectionType;
  outcome: 'passed' | 'failed';
  mostSevere: DeficiencySeverity | null;
}

/** Inspections whose failure can take a flat off the market, and whose pass brings it back. */
const SUSPENDING_TYPES: readonly InspectionType[] = ['periodic', 'complaint'];
const SERIOUS: readonly (DeficiencySeverity | null)[] = ['life_threatening', 'severe'];

/**
 * How a completed inspection moves a flat, if at all:
 * - a passed initial inspection (or its re-inspection) makes a flat awaiting inspection available;
 * - a failed periodic or complaint inspection with a life-threatening or severe deficiency sends
 *   an available flat back to pending_inspection;
 * - a passed periodic or complaint inspection (typically the re-inspection after the repairs)
 *   makes such a suspended flat available again.
 * Anything else leaves the flat as it is (null): an outcome that does not fit the flat's current
 * state is not an error, e.g. a late or repeated event.
 */
export function unitTransitionFor(status: UnitStatus, inspection: CompletedInspection): UnitTransition | null {
  if (inspection.outcome === 'passed') {
    const canClear = inspection.inspectionType === 'initial' || SUSPENDING_TYPES.includes(inspection.inspectionType);
    return status === 'pending_inspection' && canClear ? 'pass_inspection' : null;
  }
  const serious = SUSPENDING_TYPES.includes(inspection.inspectionType) && SERIOUS.includes(inspection.mostSevere);
  return status === 'available' && serious ? 'suspend_for_repairs' : null;
}
