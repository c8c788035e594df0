export const ROLES = ['sra_admin', 'sra_staff', 'caseworker', 'landlord', 'inspector', 'board_member', 'mediator'] as const;

export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['sra_admin', 'sra_staff'];
