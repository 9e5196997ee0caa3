import type { Role } from '@techbridge/shared';

/**
 * Who is calling: the user id and the roles that still hold. A module of its own so that the
 * token code, the auth middleware and the policies can all name it without importing each other.
 */
export interface Principal {
  id: string;
  roles: Role[];
}

export const isAdmin = (p: Principal | undefined): boolean => !!p?.roles.includes('admin');
/** Organizer routes admit admins too. */
export const isStaff = (p: Principal | undefined): boolean => !!p && (p.roles.includes('organizer') || p.roles.includes('admin'));
