import type { User } from './domain/user.entity';

/** What the API shows of a user: never a hash or a secret. */
export function toUserView(user: User) {
  return {
    id: user.id,
    version: user.version,
    email: user.email,
    displayName: user.displayName,
    preferredLanguage: user.preferredLanguage,
    roles: user.roles,
    status: user.status,
    /** The linked records: a landlord's record; a caseworker's caseload and an inspector's agenda are keyed by the user id. */
    links: {
      landlordId: user.landlordId,
      caseworkerId: user.roles.includes('caseworker') ? user.id : null,
      inspectorId: user.roles.includes('inspector') ? user.id : null,
    },
    totpEnabled: user.totpEnabled,
    lockedUntil: user.status === 'locked' ? user.lockedUntil : null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export type UserView = ReturnType<typeof toUserView>;
