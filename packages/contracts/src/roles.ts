// Plain data, no zod: the web imports this file alone (`@uslugi/contracts/roles`).
export const ROLES = [
  'employee',
  'head',
  'approver',
  'operator',
  'tech_operator',
  'installation_admin',
  'methodologist',
  'auditor',
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
  'journal.extract',
  'calendar.manage',
  'documents.read',
  'documents.manage',
  'documents.sign',
  'pki.read',
  'pki.manage',
  'installation.manage',
  'catalog.read',
  'catalog.manage',
  'reference.read',
  'reference.manage',
  'applicants.read',
  'applicants.manage',
  'consultations.conduct',
  'consultations.supervise',
  'applications.read',
  'intake.accept',
  'intake.settings',
  'cases.read',
  'cases.work',
  'cases.assign',
  'cases.approve',
  'cases.supervise',
  'cases.lead',
  'cases.settings',
  'templates.manage',
  'smev.monitor',
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
  methodologist: 'Методист',
  auditor: 'Аудитор (внутренний контроль)',
};

/**
 * Roles that belong to the installation, not to a municipality: a municipality's operator
 * (`roles.assign`) neither grants nor takes them away; only a holder of `installation.manage` does.
 */
export const INSTALLATION_ROLES: readonly Role[] = ['installation_admin'];

const STAFF_DOCUMENTS: readonly Permission[] = ['documents.read', 'documents.manage', 'documents.sign'];

/** Every staff member reads the catalog of services and the reference data it names. */
const READ_CATALOG: readonly Permission[] = ['catalog.read', 'reference.read'];

/**
 * Staff who meet applicants: the registry of applicants, consultations (000 item 3.1), intake on paper
 * and of portal applications (000 items 3.2, 3.3).
 */
const FRONT_DESK: readonly Permission[] = [
  'applicants.read',
  'applicants.manage',
  'consultations.conduct',
  'applications.read',
  'intake.accept',
];

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
 *
 * The methodologist keeps the catalog of services (cards, technological maps, forms, their versions)
 * and the reference data they name (210-ФЗ ст. 12: the administrative regulation fixes the standard
 * and the order of a service; the catalog is its data). The role reads the organisation, whose units
 * a technological map names, and works in both the workplace and the administration.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  employee: [
    'arm.access',
    'org.read',
    'employees.read',
    ...STAFF_DOCUMENTS,
    ...READ_CATALOG,
    ...FRONT_DESK,
    // 000 item 3.4: the executor takes a case («Назначить мне») and provides the service.
    'cases.read',
    'cases.work',
  ],
  head: [
    'arm.access',
    'org.read',
    'employees.read',
    'employees.confirm',
    'journal.read',
    // 000 item 2.11: extracts from the journal for courts and control bodies.
    'journal.extract',
    ...STAFF_DOCUMENTS,
    ...READ_CATALOG,
    ...FRONT_DESK,
    // 004 items 7, 10: heads control their units' consultations, terms and late entries.
    'consultations.supervise',
    // 004 items 3, 10, 11: heads assign executors and are told of every broken term of their unit.
    'cases.read',
    'cases.assign',
    'cases.supervise',
    // 004 item 11: heads follow the inter-agency requests and their answer terms.
    'smev.monitor',
  ],
  approver: [
    'arm.access',
    'org.read',
    'employees.read',
    ...STAFF_DOCUMENTS,
    ...READ_CATALOG,
    'applicants.read',
    'applications.read',
    // 000 item 3.5: the responsible official approves (signs) or sends back for revision; as the
    // municipality's leadership, sees every unit's terms.
    'cases.read',
    'cases.approve',
    'cases.lead',
  ],
  operator: [
    'admin.access',
    'org.read',
    'org.manage',
    'employees.read',
    'employees.manage',
    'employees.confirm',
    'roles.assign',
    'journal.read',
    'journal.extract',
    'calendar.manage',
    'pki.read',
    'pki.manage',
    ...READ_CATALOG,
    'catalog.manage',
    'reference.manage',
    // The registration number's format is the municipality's setting.
    'intake.settings',
    // How many working days ahead «срок истекает» is told (004 item 11).
    'cases.settings',
    'cases.lead',
    // 000 item 2.5: the documents each stage generates are made from templates the municipality keeps.
    'templates.manage',
  ],
  tech_operator: [
    'admin.access',
    'org.read',
    'employees.read',
    'journal.read',
    'journal.verify',
    'pki.read',
    // The technical operator watches the exchange with SMEV (the message log, failures).
    'smev.monitor',
    ...READ_CATALOG,
  ],
  installation_admin: ['admin.access', 'employees.read', 'pki.read', 'installation.manage'],
  methodologist: [
    'arm.access',
    'admin.access',
    'org.read',
    'employees.read',
    ...READ_CATALOG,
    'catalog.manage',
    'reference.manage',
    'templates.manage',
  ],
  // Internal control: reads the journal and makes extracts for courts and control bodies (000 item 2.11),
  // changes nothing.
  auditor: ['admin.access', 'org.read', 'employees.read', 'journal.read', 'journal.extract'],
};
