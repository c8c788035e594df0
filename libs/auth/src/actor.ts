import type { Role } from './role';

/** The authenticated caller of a request. */
export interface Actor {
  id: string;
  role: Role;
  /** Set on landlord tokens: the landlord record this user owns. */
  landlordId?: string;
}

/** Who caused a change, as recorded in event envelopes. */
export interface ActorRef {
  id: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const satisfies ActorRef;
