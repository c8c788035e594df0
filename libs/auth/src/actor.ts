import type { Role } from './role';

/** The authenticated caller of a request. */
export interface Actor {
  id: string;
  role: Role;
  /** Set on landlord tokens: the landlord record this user owns. */
  landlordId?: string;
}
