import type { Role } from './role';

/** What a route declares about who may call it; absent means nobody. */
export type AccessPolicy = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_POLICY_KEY = 'hearth:access-policy';
