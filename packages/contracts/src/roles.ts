// Plain data, no zod: the web imports this file alone (`@uslugi/contracts/roles`).
export const ROLES = [
  'employee',
  'head',
  'approver',
  'operator',
  'tech_operator',
  'installation_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** What a route may require; roles grant them (apps/server/src/platform/auth/permissions.ts). */
export const PERMISSIONS = [
  'arm.access',
  'admin.access',
  'org.read',
  'org.manage',
  'employees.read',
  'employees.manage',
  'employees.confirm',
  'roles.assign',
  'journal.read',
  'journal.verify',
  'calendar.manage',
  'documents.read',
  'documents.manage',
  'documents.sign',
  'pki.read',
  'pki.manage',
  'installation.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The regulations' names of the roles (seed 000 items 1.3, 5.1, 5.2; 004 items 6, 10). The installation
 * administrator is no municipality's role: it keeps what the whole installation shares (the trust store).
 */
export const ROLE_TITLES: Record<Role, string> = {
  employee: 'Сотрудник',
  head: 'Руководитель подразделения',
  approver: 'Ответственное должностное лицо',
  operator: 'Оператор системы',
  tech_operator: 'Технический оператор',
  installation_admin: 'Администратор установки',
};

/**
 * Roles that belong to the installation, not to a municipality: a municipality's operator
 * (`roles.assign`) neither grants nor takes them away; only a holder of `installation.manage` does.
 */
export const INSTALLATION_ROLES: readonly Role[] = ['installation_admin'];
