import type { Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { CasesTable } from '../../db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { serviceVersion, type PinnedVersion } from '../catalog/index.js';

export type CaseRow = Selectable<CasesTable>;

/**
 * The case, locked for the command's transaction (a row lock: two commands on one case run one after
 * the other, and the second sees what the first did), with the map version it pinned.
 */
export async function lockCase(tx: Tx, caseId: string): Promise<{ row: CaseRow; version: PinnedVersion }> {
  const row = await tx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(`case ${caseId}`);
  const version = await serviceVersion(tx, row.serviceVersionId);
  if (!version) throw new AppError('internal', `case ${caseId}: version ${row.serviceVersionId} missing`);
  return { row, version };
}

/** The case must still be open. */
export function assertOpen(row: CaseRow): void {
  if (row.status !== 'open') throw new AppError('case_closed', `case ${row.id} is closed`);
}
