import { InvalidTransitionError } from '@hearth/platform';

export type InspectionStatus = 'requested' | 'scheduled' | 'completed' | 'cancelled';

export type InspectionTransition = 'schedule' | 'reschedule' | 'record_result' | 'record_no_access' | 'complete' | 'cancel';

/**
 * The life of an inspection (docs/architecture.md#inspections): requested → scheduled → completed (passed or failed);
 * a visit without access sends it back to requested (the note stays in its history); a request or
 * a booked visit can be cancelled with a reason. Results are recorded item by item while it is
 * scheduled.
 */
const transitions: Record<InspectionTransition, { from: readonly InspectionStatus[]; to: InspectionStatus }> = {
  schedule: { from: ['requested'], to: 'scheduled' },
  reschedule: { from: ['scheduled'], to: 'scheduled' },
  record_result: { from: ['scheduled'], to: 'scheduled' },
  record_no_access: { from: ['scheduled'], to: 'requested' },
  complete: { from: ['scheduled'], to: 'completed' },
  cancel: { from: ['requested', 'scheduled'], to: 'cancelled' },
};

/** A refusal names what is in the way, which is the state the inspection is in. */
const REFUSAL: Record<InspectionStatus, { code: string; reason: string }> = {
  requested: { code: 'INSPECTION.NOT_SCHEDULED', reason: 'it has not been scheduled' },
  scheduled: { code: 'INSPECTION.ALREADY_SCHEDULED', reason: 'it is already scheduled (reschedule it instead)' },
  completed: { code: 'INSPECTION.ALREADY_COMPLETED', reason: 'it is already completed' },
  cancelled: { code: 'INSPECTION.CANCELLED', reason: 'it was cancelled' },
};

const VERB: Record<InspectionTransition, string> = {
  schedule: 'be scheduled',
  reschedule: 'be rescheduled',
  record_result: 'take checklist results',
  record_no_access: 'be marked as no access',
  complete: 'be completed',
  cancel: 'be cancelled',
};

export function canTransition(current: InspectionStatus, transition: InspectionTransition): boolean {
  return transitions[transition].from.includes(current);
}

export function nextInspectionStatus(current: InspectionStatus, transition: InspectionTransition): InspectionStatus {
  if (!canTransition(current, transition)) {
    const refusal = REFUSAL[current];
    throw new InvalidTransitionError(refusal.code, `The inspection cannot ${VERB[transition]}: ${refusal.reason}`);
  }
  return transitions[transition].to;
}

export const INSPECTION_STATUSES: readonly InspectionStatus[] = ['requested', 'scheduled', 'completed', 'cancelled'];
export const INSPECTION_TRANSITIONS = Object.keys(transitions) as InspectionTransition[];
/** Requested or scheduled: still to be carried out. */
export const OPEN_STATUSES: readonly InspectionStatus[] = ['requested', 'scheduled'];
