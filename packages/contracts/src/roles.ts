// Plain data, no zod: the web imports this file alone (`@uslugi/contracts/roles`).
export const ROLES = ['employee', 'head', 'approver', 'operator', 'tech_operator'] as const;
export type Role = (typeof ROLES)[number];

/** What a route may require; roles grant them (apps/server/src/platform/auth/permissions.ts). */
export const PERMISSIONS = [
  'arm.access',
  'admin.access',
  'org.read',
  'org.manage',
  'employees.read',
  'employees.manage',
  'roles.assign',
  'journal.read',
  'journal.verify',
  'calendar.manage',
  'documents.read',
  'documents.manage',
  'documents.sign',
  'pki.read',
  'pki.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The regulations' names of the roles (seed 000 items 1.3, 5.1, 5.2; 004 items 6, 10). */
export const ROLE_TITLES: Record<Role, string> = {
  employee: 'Сотрудник',
  head: 'Руководитель подразделения',
  approver: 'Ответственное должностное лицо',
  operator: 'Оператор системы',
  tech_operator: 'Технический оператор',
};
