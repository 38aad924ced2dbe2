import { INSTALLATION_ROLES, ROLE_TITLES } from '@uslugi/contracts/roles';
import type { Permission, Role, SessionUser } from '@uslugi/contracts';

export { INSTALLATION_ROLES, ROLE_TITLES };

export function roleTitles(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_TITLES[role] ?? role).join(', ');
}

/** True when the user holds the permission (or, given a list, any of them). */
export function hasPermission(
  user: SessionUser | null,
  permission: Permission | readonly Permission[],
): boolean {
  if (user === null) return false;
  const wanted: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return wanted.some((item) => user.permissions.includes(item));
}

// Read-only operators (the technical operator) see the administration; heads reach it for the journal.
export const ADMIN_AREA: readonly Permission[] = ['admin.access', 'journal.read'];

/**
 * The roles the user may give or take away: a municipality's with `roles.assign`, the installation
 * administrator only with `installation.manage` (the server checks the same).
 */
export function assignableRoles(user: SessionUser | null, all: readonly Role[]): Role[] {
  return all.filter((role) =>
    hasPermission(user, INSTALLATION_ROLES.includes(role) ? 'installation.manage' : 'roles.assign'),
  );
}
