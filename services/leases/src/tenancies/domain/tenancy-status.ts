import { InvalidTransitionError, withArticle } from '@hearth/platform';

export type TenancyStatus = 'draft' | 'signed' | 'active' | 'ending' | 'ended' | 'cancelled';
export type TenancyTransition = 'complete' | 'sign' | 'activate' | 'renew' | 'give_notice' | 'end' | 'cancel';

/**
 * draft → signed → active → ending (notice given) → ended; renewal keeps an active tenancy active
 * with a later end date; a draft whose offer fell through is cancelled. Staff may end a signed
 * tenancy that never started (cancelled) and an active one at once (ended, e.g. left without notice).
 */
const transitions: Record<TenancyTransition, { from: readonly TenancyStatus[]; to: TenancyStatus | null }> = {
  complete: { from: ['draft'], to: null },
  sign: { from: ['draft'], to: 'signed' },
  activate: { from: ['signed'], to: 'active' },
  renew: { from: ['active'], to: 'active' },
  give_notice: { from: ['active'], to: 'ending' },
  end: { from: ['active', 'ending'], to: 'ended' },
  cancel: { from: ['draft', 'signed'], to: 'cancelled' },
};

export function canTransition(current: TenancyStatus, transition: TenancyTransition): boolean {
  return transitions[transition].from.includes(current);
}

export function nextTenancyStatus(current: TenancyStatus, transition: TenancyTransition): TenancyStatus {
  if (!canTransition(current, transition)) {
    throw new InvalidTransitionError('TENANCY.INVALID_TRANSITION', `${withArticle(current)} tenancy cannot be ${pastTense[transition]}`);
  }
  return transitions[transition].to ?? current;
}

const pastTense: Record<TenancyTransition, string> = {
  complete: 'completed',
  sign: 'signed',
  activate: 'started',
  renew: 'renewed',
  give_notice: 'given notice',
  end: 'ended',
  cancel: 'cancelled',
};

/** Tenancies that occupy the flat (charged rent). */
export const OCCUPYING: readonly TenancyStatus[] = ['active', 'ending'];
