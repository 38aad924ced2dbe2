import type { Role } from '../../db/schema.js';

import { PERMISSIONS, type Permission } from '@uslugi/contracts/roles';

export { PERMISSIONS, ROLES, ROLE_TITLES, type Permission } from '@uslugi/contracts/roles';

const STAFF_DOCUMENTS: readonly Permission[] = ['documents.read', 'documents.manage', 'documents.sign'];

/**
 * What each role may do. The operator defines subjects' rights and keeps reference data such as the
 * production calendar up to date (seed 000 item 5.1); heads control
 * their units' terms and read the journal (004 items 6, 10); the technical operator runs the
 * infrastructure and reads the journal for incidents (000 item 5.2). Staff store and sign documents
 * with their own qualified signature (000 item 1.8); the operator issues and revokes signing
 * certificates and keeps the list of trusted certification authorities, which the technical
 * operator may read. The technical operator also runs the journal's integrity check in the running
 * server (`journal.verify`): an infrastructure and incident task (000 item 5.2) that walks the whole
 * installation's journal, so it is not offered to every reader of the journal.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  employee: ['arm.access', 'org.read', 'employees.read', ...STAFF_DOCUMENTS],
  head: ['arm.access', 'org.read', 'employees.read', 'journal.read', ...STAFF_DOCUMENTS],
  approver: ['arm.access', 'org.read', 'employees.read', ...STAFF_DOCUMENTS],
  operator: [
    'admin.access',
    'org.read',
    'org.manage',
    'employees.read',
    'employees.manage',
    'roles.assign',
    'journal.read',
    'calendar.manage',
    'pki.read',
    'pki.manage',
  ],
  tech_operator: ['admin.access', 'org.read', 'employees.read', 'journal.read', 'journal.verify', 'pki.read'],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

/**
 * What a route requires: no session at all, any signed-in employee, a permission of an employee, or
 * an applicant's portal session. Staff and applicant sessions are separate kinds with separate
 * cookies: an applicant's session never satisfies a staff route, nor an employee's a portal one.
 */
export type Access = 'public' | 'authenticated' | 'applicant' | Permission;

export function isAccess(value: unknown): value is Access {
  return (
    value === 'public' ||
    value === 'authenticated' ||
    value === 'applicant' ||
    (PERMISSIONS as readonly unknown[]).includes(value)
  );
}
