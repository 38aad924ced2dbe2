import type { Role } from '../../db/schema.js';

import { PERMISSIONS, type Permission } from '@uslugi/contracts/roles';

export {
  INSTALLATION_ROLES,
  PERMISSIONS,
  ROLES,
  ROLE_TITLES,
  type Permission,
} from '@uslugi/contracts/roles';

const STAFF_DOCUMENTS: readonly Permission[] = ['documents.read', 'documents.manage', 'documents.sign'];

/**
 * What each role may do. The operator defines subjects' rights and keeps reference data such as the
 * production calendar up to date (seed 000 item 5.1); heads control
 * their units' terms and read the journal (004 items 6, 10); the technical operator runs the
 * infrastructure and reads the journal for incidents (000 item 5.2). Staff store and sign documents
 * with their own qualified signature (000 item 1.8); the operator issues and revokes signing
 * certificates, which the technical operator may read. A new СНИЛС of an employee decides who signs
 * in as them, so it takes a second person: heads and operators hold `employees.confirm`, and the
 * command checks which of them may confirm a given change (never the one who asked, never the
 * employee).
 *
 * The installation administrator keeps what every municipality of the installation shares: the list of
 * trusted certification authorities (a change there decides whose signatures every municipality
 * accepts, 63-ФЗ ст. 14) and who else is an installation administrator. The role is held by an
 * employee of some municipality — the installation's technical operator, as Kazan's regulation names
 * МКУ «Управление информационных технологий и связи» — but it is not that municipality's to give.
 *
 * The technical operator also runs the journal's integrity check in the running server
 * (`journal.verify`): an infrastructure and incident task (000 item 5.2) that walks the whole
 * installation's journal, so it is not offered to every reader of the journal.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  employee: ['arm.access', 'org.read', 'employees.read', ...STAFF_DOCUMENTS],
  head: ['arm.access', 'org.read', 'employees.read', 'employees.confirm', 'journal.read', ...STAFF_DOCUMENTS],
  approver: ['arm.access', 'org.read', 'employees.read', ...STAFF_DOCUMENTS],
  operator: [
    'admin.access',
    'org.read',
    'org.manage',
    'employees.read',
    'employees.manage',
    'employees.confirm',
    'roles.assign',
    'journal.read',
    'calendar.manage',
    'pki.read',
    'pki.manage',
  ],
  tech_operator: ['admin.access', 'org.read', 'employees.read', 'journal.read', 'journal.verify', 'pki.read'],
  installation_admin: ['admin.access', 'employees.read', 'pki.read', 'installation.manage'],
};

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
