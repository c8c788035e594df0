import { InvalidTransitionError, withArticle } from '@hearth/platform';

export type HouseholdStatus = 'registered' | 'assessed' | 'waitlisted' | 'offered' | 'housed' | 'paused' | 'withdrawn' | 'exited';

export type HouseholdTransition =
  | 'assess'
  | 'waitlist'
  | 'offer'
  | 'return_to_waitlist'
  | 'house'
  | 'pause'
  | 'resume'
  | 'withdraw'
  | 'exit'
  | 'erase';

export const HOUSEHOLD_STATUSES: readonly HouseholdStatus[] = ['registered', 'assessed', 'waitlisted', 'offered', 'housed', 'paused', 'withdrawn', 'exited'];

/** Statuses a pause can come from, and so return to. */
export type PausableStatus = 'registered' | 'assessed' | 'waitlisted' | 'offered';

/**
 * registered → assessed → waitlisted → offered → housed, plus paused, withdrawn and exited (docs/architecture.md#applicants):
 * - assess: a first assessment, or a re-assessment that keeps the household where it is;
 * - offer / return_to_waitlist / house: driven by matching (an offer made, declined or lapsed, accepted);
 * - pause (e.g. consent withdrawn, in treatment) from any open status; resume returns to where it
 *   was, except that a paused offer has lapsed, so the household goes back to the waitlist;
 * - withdraw: the household no longer applies; exit: it leaves the programme (also after being housed);
 * - erase: personal data removed, only possible while no offer or tenancy depends on it; ends in exited.
 */
const transitions: Record<Exclude<HouseholdTransition, 'assess' | 'resume'>, { from: readonly HouseholdStatus[]; to: HouseholdStatus }> = {
  waitlist: { from: ['assessed'], to: 'waitlisted' },
  offer: { from: ['waitlisted'], to: 'offered' },
  return_to_waitlist: { from: ['offered'], to: 'waitlisted' },
  house: { from: ['offered'], to: 'housed' },
  pause: { from: ['registered', 'assessed', 'waitlisted', 'offered'], to: 'paused' },
  withdraw: { from: ['registered', 'assessed', 'waitlisted', 'offered', 'paused'], to: 'withdrawn' },
  exit: { from: ['registered', 'assessed', 'waitlisted', 'paused', 'withdrawn', 'housed'], to: 'exited' },
  erase: { from: ['registered', 'assessed', 'waitlisted', 'paused', 'withdrawn', 'exited'], to: 'exited' },
};

const ASSESSABLE: readonly HouseholdStatus[] = ['registered', 'assessed', 'waitlisted'];

export const HOUSEHOLD_TRANSITIONS: readonly HouseholdTransition[] = ['assess', 'resume', ...(Object.keys(transitions) as HouseholdTransition[])];

/** Open households can still be changed; withdrawn and exited ones are closed records. */
export function isClosed(status: HouseholdStatus): boolean {
  return status === 'withdrawn' || status === 'exited';
}

export function canTransition(current: HouseholdStatus, transition: HouseholdTransition, pausedFrom: PausableStatus | null = null): boolean {
  if (transition === 'assess') return ASSESSABLE.includes(current);
  if (transition === 'resume') return current === 'paused' && pausedFrom !== null;
  return transitions[transition].from.includes(current);
}

/** The status after `transition`; a 409 HOUSEHOLD.INVALID_TRANSITION when the current status does not allow it. */
export function nextHouseholdStatus(current: HouseholdStatus, transition: HouseholdTransition, pausedFrom: PausableStatus | null = null): HouseholdStatus {
  if (!canTransition(current, transition, pausedFrom)) {
    throw new InvalidTransitionError('HOUSEHOLD.INVALID_TRANSITION', `${withArticle(current)} household cannot be ${pastTense(transition)}`);
  }
  if (transition === 'assess') return current === 'registered' ? 'assessed' : current;
  if (transition === 'resume') return pausedFrom === 'offered' ? 'waitlisted' : pausedFrom!;
  return transitions[transition].to;
}

function pastTense(transition: HouseholdTransition): string {
  const words: Record<HouseholdTransition, string> = {
    assess: 'assessed',
    waitlist: 'waitlisted',
    offer: 'offered a home',
    return_to_waitlist: 'returned to the waitlist',
    house: 'housed',
    pause: 'paused',
    resume: 'resumed',
    withdraw: 'withdrawn',
    exit: 'exited',
    erase: 'erased',
  };
  return words[transition];
}
