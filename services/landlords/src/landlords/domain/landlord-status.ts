import { InvalidTransitionError, withArticle } from '@hearth/platform';

export type LandlordStatus = 'prospect' | 'active' | 'suspended' | 'offboarded';
export type LandlordTransition = 'verify' | 'suspend' | 'reactivate' | 'offboard';

/** prospect → active → suspended ⇄ active; any but offboarded → offboarded. */
const transitions: Record<LandlordTransition, { from: LandlordStatus[]; to: LandlordStatus }> = {
  verify: { from: ['prospect'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  reactivate: { from: ['suspended'], to: 'active' },
  offboard: { from: ['prospect', 'active', 'suspended'], to: 'offboarded' },
};

export function nextLandlordStatus(current: LandlordStatus, transition: LandlordTransition): LandlordStatus {
  const rule = transitions[transition];
  if (!rule.from.includes(current)) {
    throw new InvalidTransitionError('LANDLORD.INVALID_TRANSITION', `${withArticle(current)} landlord cannot be ${pastTense(transition)}`);
  }
  return rule.to;
}

function pastTense(transition: LandlordTransition): string {
  return { verify: 'verified', suspend: 'suspended', reactivate: 'reactivated', offboard: 'offboarded' }[transition];
}
