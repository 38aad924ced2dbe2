import type { EsiaChoice } from '@uslugi/contracts';
import type { Database } from '../../db/database.js';
import { inTenant } from '../../db/tenant.js';
import { journalSessionEvent, type SessionEventMeta } from '../../platform/auth/session-journal.js';
import { createSession, endSession, hashToken, loadPrincipal } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';

export interface StaffCandidate extends EsiaChoice {
  blocked: boolean;
}

/**
 * The employees an ESIA person is, matched by СНИЛС (DOMAIN "ESIA"), in every municipality: one
 * person may work for several. Read tenant by tenant, each in its own row-level-secured transaction.
 */
export async function findEmployeesBySnils(database: Database, snils: string): Promise<StaffCandidate[]> {
  const municipalities = await database.system
    .selectFrom('municipalities')
    .select(['id', 'name'])
    .orderBy('name')
    .execute();
  const found: StaffCandidate[] = [];
  for (const m of municipalities) {
    const employee = await inTenant(database, m.id, (tx) =>
      tx.selectFrom('employees').select('id').where('snils', '=', snils).executeTakeFirst(),
    );
    if (!employee) continue;
    const principal = await loadPrincipal(database, m.id, employee.id);
    if (!principal) continue;
    found.push({
      employeeId: principal.employeeId,
      fullName: principal.fullName,
      municipalityId: m.id,
      municipalityName: m.name,
      orgUnitName: principal.orgUnitName,
      positionName: principal.positionName,
      blocked: principal.blocked,
    });
  }
  return found;
}

/** Where an employee lands without a page to return to: their workplace, else administration. */
function landingOf(permissions: readonly string[]): string {
  if (permissions.includes('arm.access')) return '/arm';
  if (permissions.includes('admin.access')) return '/admin';
  return '/';
}

/**
 * Opens a staff session for a matched employee. The session id is rotated: a session the browser
 * already had ends, so a token planted before sign-in is worth nothing after it.
 */
export async function openStaffSession(
  database: Database,
  input: { municipalityId: string; employeeId: string; previousToken: string | undefined },
  meta: SessionEventMeta,
): Promise<{ token: string; landing: string }> {
  const principal = await loadPrincipal(database, input.municipalityId, input.employeeId);
  if (!principal) throw new AppError('esia_unknown_employee', 'employee vanished');
  if (principal.blocked) throw new AppError('employee_blocked');
  if (input.previousToken) await endSession(database, hashToken(input.previousToken));
  const { token } = await createSession(database, {
    municipalityId: input.municipalityId,
    employeeId: principal.employeeId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await journalSessionEvent(
    database,
    {
      kind: 'employee',
      municipalityId: input.municipalityId,
      id: principal.employeeId,
      fullName: principal.fullName,
    },
    'session.signed_in',
    { ...meta, via: 'esia' },
  );
  return { token, landing: landingOf(principal.permissions) };
}

/** A blocked employee's attempt is journaled in their municipality: the operator should know. */
export async function journalRefusal(database: Database, blocked: StaffCandidate[], meta: SessionEventMeta) {
  for (const c of blocked) {
    await journalSessionEvent(
      database,
      { kind: 'employee', municipalityId: c.municipalityId, id: c.employeeId, fullName: c.fullName },
      'session.sign_in_refused',
      { ...meta, via: 'esia', reason: 'employee_blocked' },
    );
  }
}
