import type { Role } from '../../db/schema.js';

import {
  PERMISSIONS,
  ROLE_PERMISSIONS as SHARED_ROLE_PERMISSIONS,
  type Permission,
} from '@uslugi/contracts/roles';

export {
  INSTALLATION_ROLES,
  PERMISSIONS,
  ROLES,
  ROLE_TITLES,
  type Permission,
} from '@uslugi/contracts/roles';

/** What each role may do: one table in contracts, so the web can say which role opens a section. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = SHARED_ROLE_PERMISSIONS;

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

/**
 * What a route requires: no session at all, any signed-in employee, a permission of an employee (or
 * any one of a non-empty list of permissions; the use case then checks what exactly each may do), or
 * an applicant's portal session. Staff and applicant sessions are separate kinds with separate
 * cookies: an applicant's session never satisfies a staff route, nor an employee's a portal one.
 */
export type Access = 'public' | 'authenticated' | 'applicant' | Permission | readonly Permission[];

const isPermission = (value: unknown): value is Permission =>
  (PERMISSIONS as readonly unknown[]).includes(value);

export function isAccess(value: unknown): value is Access {
  return (
    value === 'public' ||
    value === 'authenticated' ||
    value === 'applicant' ||
    isPermission(value) ||
    (Array.isArray(value) && value.length > 0 && value.every(isPermission))
  );
}

/** Whether an employee holding `permissions` passes a staff route's access. */
export function grants(access: Permission | readonly Permission[], permissions: readonly Permission[]) {
  const wanted: readonly Permission[] = typeof access === 'string' ? [access] : access;
  return wanted.some((p) => permissions.includes(p));
}
