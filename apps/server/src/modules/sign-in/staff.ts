import type { EsiaChoice } from '@uslugi/contracts';
import type { Database } from '../../db/database.js';
import { inTenant } from '../../db/tenant.js';
import {
  createSession,
  endSession,
  hashToken,
  journalSessionEvent,
  loadPrincipal,
  type SessionEventMeta,
} from '../sessions/index.js';
import { AppError } from '../../platform/errors.js';
import { listMunicipalities } from '../municipalities/index.js';
import {
  admitEsiaIdentity,
  judgeEsiaIdentity,
  journalBindingRefusal,
  type EsiaIdentity,
  type StaffRefusal,
} from '../org/index.js';

export interface StaffCandidate extends EsiaChoice {
  blocked: boolean;
}

/**
 * The employees an ESIA person is, in every municipality: one person may work for several. Read
 * tenant by tenant, each in its own row-level-secured transaction; nothing is changed here.
 */
export async function findStaffRecords(
  database: Database,
  identity: EsiaIdentity,
): Promise<{ candidates: StaffCandidate[]; refusals: StaffRefusal[] }> {
  const municipalities = await listMunicipalities(database.system);
  const candidates: StaffCandidate[] = [];
  const refusals: StaffRefusal[] = [];
  for (const m of municipalities) {
    const verdict = await inTenant(database, m.id, (tx) => judgeEsiaIdentity(tx, identity));
    if (!verdict) continue;
    if (verdict.kind === 'refuse') {
      refusals.push({ municipalityId: m.id, ...verdict });
      continue;
    }
    const principal = await loadPrincipal(database, m.id, verdict.employeeId);
    if (!principal) continue;
    candidates.push({
      employeeId: principal.employeeId,
      fullName: principal.fullName,
      municipalityId: m.id,
      municipalityName: m.name,
      orgUnitName: principal.orgUnitName,
      positionName: principal.positionName,
      blocked: principal.blocked,
    });
  }
  return { candidates, refusals };
}

/** Refused records are journaled in their municipalities: the operator should know. */
export async function journalBindingRefusals(
  database: Database,
  refusals: StaffRefusal[],
  identity: EsiaIdentity,
  meta: SessionEventMeta,
): Promise<void> {
  for (const refusal of refusals) {
    await inTenant(database, refusal.municipalityId, (tx) =>
      journalBindingRefusal(tx, refusal, identity, meta),
    );
  }
}

/** Where an employee lands without a page to return to: their workplace, else administration. */
function landingOf(permissions: readonly string[]): string {
  if (permissions.includes('arm.access')) return '/arm';
  if (permissions.includes('admin.access')) return '/admin';
  return '/';
}

/**
 * Opens a staff session for a matched employee. The session id is rotated: a session the browser
 * already had ends, so a token planted before sign-in is worth nothing after it. The session keeps
 * the СНИЛС ESIA reported: signing compares it with the certificate's.
 */
export async function openStaffSession(
  database: Database,
  input: {
    municipalityId: string;
    employeeId: string;
    identity: EsiaIdentity;
    previousToken: string | undefined;
  },
  meta: SessionEventMeta,
): Promise<{ token: string; landing: string }> {
  const principal = await loadPrincipal(database, input.municipalityId, input.employeeId);
  if (!principal) throw new AppError('esia_unknown_employee', 'employee vanished');
  if (principal.blocked) throw new AppError('employee_blocked');
  const refused = await admitEsiaIdentity(
    database,
    {
      municipalityId: input.municipalityId,
      employeeId: principal.employeeId,
      fullName: principal.fullName,
      identity: input.identity,
    },
    meta,
  );
  if (refused) throw refused;
  if (input.previousToken) await endSession(database, hashToken(input.previousToken));
  const { token } = await createSession(database, {
    municipalityId: input.municipalityId,
    employeeId: principal.employeeId,
    esiaSnils: input.identity.snils,
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
