import { formatSnils, normalizeSnils, snilsProblem, type Role } from '@uslugi/contracts';
import type { Database, Tx } from '../../db/database.js';
import { enterTenant } from '../../db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { appendJournal, SYSTEM_ACTOR } from '../../platform/journal/append.js';
import {
  appendInstallationJournal,
  type InstallationWideRecord,
} from '../../platform/journal/installation-wide.js';
import { INSTALLATION_ROLES, ROLES, type Permission } from '../../platform/auth/permissions.js';
import { fullNameOf } from '../../platform/names.js';
import { findMunicipality, municipalityCard } from '../municipalities/index.js';

const isInstallationRole = (role: Role) => INSTALLATION_ROLES.includes(role);

/**
 * Who may change an employee's roles from `before` to `after`. The installation's roles (the
 * installation administrator) are not a municipality's to give or take: only a holder of
 * `installation.manage` changes them; a municipality's roles need `roles.assign`. A role that stays as
 * it was needs nothing, so a municipality's operator keeps managing the other roles of an installation
 * administrator, and the installation administrator touches nothing else. `municipalRoles: false`
 * skips the second check (a new employee's roles, decided by `employees.manage`).
 */
export function checkRoleChange(
  before: readonly Role[],
  after: readonly Role[],
  permissions: readonly Permission[],
  { municipalRoles = true } = {},
): void {
  const changed = ROLES.filter((role) => before.includes(role) !== after.includes(role));
  if (changed.some(isInstallationRole) && !permissions.includes('installation.manage')) {
    throw new AppError('installation_role_reserved', `changes ${changed.join(', ')}`);
  }
  if (
    municipalRoles &&
    changed.some((r) => !isInstallationRole(r)) &&
    !permissions.includes('roles.assign')
  ) {
    throw new AppError('forbidden', 'needs roles.assign');
  }
}

export interface RoleHolder {
  id: string;
  fullName: string;
  municipalityId: string;
}

/**
 * Journals a change of who administers the installation in every municipality's journal: every
 * municipality trusts what the installation administrators decide for it.
 */
export async function journalInstallationRoles(
  journalInstallationWide: (entry: Omit<InstallationWideRecord, 'actor'>) => Promise<void>,
  tx: Tx,
  employee: RoleHolder,
  before: readonly Role[],
  after: readonly Role[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  for (const role of INSTALLATION_ROLES) {
    if (before.includes(role) === after.includes(role)) continue;
    const municipality = await municipalityCard(tx, employee.municipalityId);
    await journalInstallationWide({
      action: after.includes(role) ? 'installation_admin.granted' : 'installation_admin.revoked',
      objectType: 'installation_admin',
      objectId: employee.id,
      payload: {
        ...extra,
        employee: {
          id: employee.id,
          fullName: employee.fullName,
          municipalityId: employee.municipalityId,
          municipalityName: municipality?.name ?? null,
        },
      },
    });
  }
}

/** A refusal of the installation-admin command, in Russian, for the person at the console. */
export class InstallationAdminError extends Error {}

export interface InstallationAdminChange {
  changed: boolean;
  fullName: string;
  snils: string;
  municipalityName: string;
  roles: Role[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Grants or revokes the installation administrator role outside the web: the bootstrap of a real
 * installation, where nobody holds `installation.manage` yet (`npm run installation-admin`). The
 * employee is found by СНИЛС across the municipalities (`municipality`, its id or ОКТМО, chooses when
 * the same person works in several). Journaled as a system action: in the employee's municipality as a
 * change of roles, and in every municipality as a change of the installation's administrators.
 */
/* eslint-disable no-restricted-syntax -- the bootstrap command finds the employee across municipalities
   and then enters the employee's tenant itself (enterTenant); there is no session to give a tenant. */
export async function setInstallationAdmin(
  database: Database,
  input: { grant: boolean; snils: string; municipality?: string | undefined },
): Promise<InstallationAdminChange> {
  const snils = normalizeSnils(input.snils);
  if (!snils || snilsProblem(snils)) {
    throw new InstallationAdminError(
      `СНИЛС «${input.snils}» записан неверно: ожидается 123-456-789 01 или 11 цифр с верным контрольным числом`,
    );
  }
  const where = input.municipality?.trim();
  const chosen =
    where === undefined
      ? undefined
      : await findMunicipality(database.system, UUID.test(where) ? { id: where } : { oktmo: where });
  if (where !== undefined && !chosen) {
    throw new InstallationAdminError(
      `Муниципальное образование «${where}» не найдено: укажите его идентификатор или ОКТМО`,
    );
  }
  const records = await database.system
    .selectFrom('employees')
    .select(['id', 'municipalityId', 'lastName', 'firstName', 'middleName'])
    .where('snils', '=', snils)
    .where((eb) => (chosen ? eb('municipalityId', '=', chosen.id) : eb.lit(true)))
    .execute();
  const found: Array<(typeof records)[number] & { name: string; oktmo: string }> = [];
  for (const record of records) {
    const m = await municipalityCard(database.system, record.municipalityId);
    if (m) found.push({ ...record, name: m.name, oktmo: m.oktmo });
  }
  found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const formatted = formatSnils(snils);
  if (found.length === 0) {
    throw new InstallationAdminError(
      `Сотрудник с СНИЛС ${formatted} не найден${where === undefined ? '' : ' в указанном муниципальном образовании'}. ` +
        'Сначала заведите сотрудника в его муниципальном образовании',
    );
  }
  const [employee] = found;
  if (found.length > 1 || !employee) {
    throw new InstallationAdminError(
      `Сотрудник с СНИЛС ${formatted} есть в нескольких муниципальных образованиях: ` +
        found.map((f) => `${f.name} (ОКТМО ${f.oktmo})`).join('; ') +
        '. Укажите одно: --municipality <ОКТМО>',
    );
  }

  return database.system.transaction().execute(async (tx) => {
    await enterTenant(tx, employee.municipalityId);
    // The same lock as the roles command's: one change of an employee's roles at a time.
    await tx.selectFrom('employees').select('id').where('id', '=', employee.id).forUpdate().execute();
    const rows = await tx
      .selectFrom('employeeRoles')
      .select('role')
      .where('employeeId', '=', employee.id)
      .execute();
    const before = ROLES.filter((role) => rows.some((r) => r.role === role));
    const after = input.grant
      ? ROLES.filter((role) => before.includes(role) || role === 'installation_admin')
      : before.filter((role) => role !== 'installation_admin');
    const fullName = fullNameOf(employee);
    const result = { fullName, snils: formatted, municipalityName: employee.name, roles: after };
    if (after.length === before.length) return { ...result, changed: false };

    if (input.grant) {
      await tx
        .insertInto('employeeRoles')
        .values({
          municipalityId: employee.municipalityId,
          employeeId: employee.id,
          role: 'installation_admin',
        })
        .execute();
    } else {
      await tx
        .deleteFrom('employeeRoles')
        .where('employeeId', '=', employee.id)
        .where('role', '=', 'installation_admin')
        .execute();
    }
    const via = 'npm run installation-admin';
    await appendJournal(tx, {
      municipalityId: employee.municipalityId,
      actor: SYSTEM_ACTOR,
      action: 'employee.roles_assigned',
      objectType: 'employee',
      objectId: employee.id,
      payload: { before, after, via },
    });
    await journalInstallationRoles(
      (entry) => appendInstallationJournal(tx, { ...entry, actor: SYSTEM_ACTOR }, null),
      tx,
      { id: employee.id, fullName, municipalityId: employee.municipalityId },
      before,
      after,
      { via },
    );
    return { ...result, changed: true };
  });
}
/* eslint-enable no-restricted-syntax */
