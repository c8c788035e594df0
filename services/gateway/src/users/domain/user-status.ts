import { InvalidTransitionError, withArticle } from '@hearth/platform';

export type UserStatus = 'invited' | 'active' | 'locked' | 'deactivated';
export type UserTransition = 'activate' | 'lock' | 'unlock' | 'deactivate' | 'reactivate';

/**
 * invited → active (password set: invitation accepted, or e-mail confirmed) ⇄ locked (too many
 * failed sign-ins; unlocked by time, a password reset or an admin); any → deactivated (an admin);
 * deactivated → active (an admin).
 */
const transitions: Record<UserTransition, { from: UserStatus[]; to: UserStatus }> = {
  activate: { from: ['invited'], to: 'active' },
  lock: { from: ['active'], to: 'locked' },
  unlock: { from: ['locked'], to: 'active' },
  deactivate: { from: ['invited', 'active', 'locked'], to: 'deactivated' },
  reactivate: { from: ['deactivated'], to: 'active' },
};

export function nextUserStatus(current: UserStatus, transition: UserTransition): UserStatus {
  const rule = transitions[transition];
  if (!rule.from.includes(current)) {
    throw new InvalidTransitionError('USER.INVALID_TRANSITION', `${withArticle(current)} user cannot be ${pastTense[transition]}`);
  }
  return rule.to;
}

const pastTense: Record<UserTransition, string> = {
  activate: 'activated',
  lock: 'locked',
  unlock: 'unlocked',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
};
