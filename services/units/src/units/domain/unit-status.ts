import { unitStatusSchema } from '@hearth/contracts';
import { InvalidTransitionError, withArticle } from '@hearth/platform';
import { z } from 'zod';

export type UnitStatus = z.infer<typeof unitStatusSchema>;

export type UnitTransition =
  | 'submit_for_inspection'
  | 'pass_inspection'
  | 'suspend_for_repairs'
  | 'reserve'
  | 'release'
  | 'let'
  | 'start_vacating'
  | 'relet_ready'
  | 'withdraw';

/**
 * The life of a flat (docs/architecture.md#units): draft → pending_inspection → available → reserved → let →
 * vacating → available (once its move-out inspection is done); withdrawn only before a household is chosen
 * (draft, pending, available). A failed inspection with serious deficiencies sends an available or vacating
 * flat to pending_inspection, for repairs.
 */
const transitions: Record<UnitTransition, { from: readonly UnitStatus[]; to: UnitStatus }> = {
  submit_for_inspection: { from: ['draft'], to: 'pending_inspection' },
  pass_inspection: { from: ['pending_inspection'], to: 'available' },
  suspend_for_repairs: { from: ['available', 'vacating'], to: 'pending_inspection' },
  reserve: { from: ['available'], to: 'reserved' },
  release: { from: ['reserved'], to: 'available' },
  let: { from: ['reserved'], to: 'let' },
  start_vacating: { from: ['let'], to: 'vacating' },
  relet_ready: { from: ['vacating'], to: 'available' },
  withdraw: { from: ['draft', 'pending_inspection', 'available'], to: 'withdrawn' },
};

export function canTransition(current: UnitStatus, transition: UnitTransition): boolean {
  return transitions[transition].from.includes(current);
}

export function nextUnitStatus(current: UnitStatus, transition: UnitTransition): UnitStatus {
  if (!canTransition(current, transition)) {
    throw new InvalidTransitionError('UNIT.INVALID_TRANSITION', `${withArticle(current.replace(/_/g, ' '))} unit cannot ${transition.replace(/_/g, ' ')}`);
  }
  return transitions[transition].to;
}

/** Why a flat is pending_inspection: awaiting its first inspection, or taken off the market for repairs. */
export type PendingReason = 'initial_inspection' | 'repairs';

/** The pending reason a transition leaves the flat with (only two transitions lead into pending_inspection). */
export function pendingReasonAfter(transition: UnitTransition): PendingReason | null {
  if (transition === 'submit_for_inspection') return 'initial_inspection';
  if (transition === 'suspend_for_repairs') return 'repairs';
  return null;
}

export const UNIT_STATUSES: readonly UnitStatus[] = unitStatusSchema.options;
export const UNIT_TRANSITIONS = Object.keys(transitions) as UnitTransition[];
