import { InvalidTransitionError } from '@hearth/platform';
import { nextUserStatus, type UserStatus, type UserTransition } from './user-status';

describe('user status', () => {
  it.each<[UserStatus, UserTransition, UserStatus]>([
    ['invited', 'activate', 'active'],
    ['active', 'lock', 'locked'],
    ['locked', 'unlock', 'active'],
    ['invited', 'deactivate', 'deactivated'],
    ['active', 'deactivate', 'deactivated'],
    ['locked', 'deactivate', 'deactivated'],
    ['deactivated', 'reactivate', 'active'],
  ])('%s --%s--> %s', (from, transition, to) => {
    expect(nextUserStatus(from, transition)).toBe(to);
  });

  it.each<[UserStatus, UserTransition]>([
    ['active', 'activate'],
    ['invited', 'lock'],
    ['deactivated', 'unlock'],
    ['deactivated', 'deactivate'],
    ['active', 'reactivate'],
  ])('refuses %s --%s--> with 409 USER.INVALID_TRANSITION', (from, transition) => {
    expect(() => nextUserStatus(from, transition)).toThrow(InvalidTransitionError);
    expect(() => nextUserStatus(from, transition)).toThrow(/user cannot be/);
  });
});
