// Plain data, no zod: the web imports this file alone (`@uslugi/contracts/roles`).
export const ROLES = ['employee', 'head', 'approver', 'operator', 'tech_operator'] as const;
export type Role = (typeof ROLES)[number];

/** The regulations' names of the roles (seed 000 items 1.3, 5.1, 5.2; 004 items 6, 10). */
export const ROLE_TITLES: Record<Role, string> = {
  employee: 'Сотрудник',
  head: 'Руководитель подразделения',
  approver: 'Ответственное должностное лицо',
  operator: 'Оператор системы',
  tech_operator: 'Технический оператор',
};
