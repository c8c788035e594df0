import { InvalidTransitionError } from '@hearth/platform';

export type RunStatus = 'queued' | 'running' | 'awaiting_approval' | 'offers_proposed' | 'rejected' | 'failed';

export type RunTransition = 'start' | 'resume' | 'await_approval' | 'propose_offers' | 'approve' | 'reject' | 'fail';

/**
 * An allocation run: queued → running → (solved) awaiting_approval → offers_proposed (a board
 * member approves) | rejected; or straight to offers_proposed when no approval is required;
 * failed if it cannot be solved. A run whose worker died mid-solve is resumed (solved again from a
 * fresh snapshot: nothing of it was stored) when BullMQ hands its job out again.
 */
const transitions: Record<RunTransition, { from: readonly RunStatus[]; to: RunStatus }> = {
  start: { from: ['queued'], to: 'running' },
  resume: { from: ['running'], to: 'running' },
  await_approval: { from: ['running'], to: 'awaiting_approval' },
  propose_offers: { from: ['running'], to: 'offers_proposed' },
  approve: { from: ['awaiting_approval'], to: 'offers_proposed' },
  reject: { from: ['awaiting_approval'], to: 'rejected' },
  fail: { from: ['queued', 'running'], to: 'failed' },
};

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'awaiting_approval', 'offers_proposed', 'rejected', 'failed'];
export const RUN_TRANSITIONS = Object.keys(transitions) as RunTransition[];

export function canTransition(current: RunStatus, transition: RunTransition): boolean {
  return transitions[transition].from.includes(current);
}

export function nextRunStatus(current: RunStatus, transition: RunTransition): RunStatus {
  if (!canTransition(current, transition)) {
    throw new InvalidTransitionError('RUN.INVALID_TRANSITION', `A run that is ${current.replace(/_/g, ' ')} cannot ${transition.replace(/_/g, ' ')}`);
  }
  return transitions[transition].to;
}
