import type { Tx } from '../../db/database.js';
import { unitHeads } from '../org/index.js';

/** The case a term of term control belongs to, with what the alert needs of it. */
export interface TermCase {
  caseId: string;
  registrationNumber: string;
  orgUnitId: string | null;
  executorId: string | null;
  /** Who heads the case's unit, or the nearest unit above with a head (null: nobody). */
  headId: string | null;
}

/** The kinds of terms term control watches: the service's, the stage's, a request's answer. */
export const CASE_TERM_TYPES = ['case', 'case_stage', 'case_request'] as const;

// A term's object id is text (terms serve every module): only a uuid can name a case or a request.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The cases of the given terms, by term id: `case` and `case_stage` terms name the case itself, a
 * `case_request` term names the request, whose row names its case.
 */
export async function casesOfTerms(
  tx: Tx,
  terms: ReadonlyArray<{ id: string; objectType: string; objectId: string }>,
): Promise<Map<string, TermCase>> {
  const requestIds = terms
    .filter((t) => t.objectType === 'case_request' && UUID.test(t.objectId))
    .map((t) => t.objectId);
  const requests =
    requestIds.length === 0
      ? []
      : await tx
          .selectFrom('caseRequests')
          .select(['id', 'caseId'])
          .where('id', 'in', [...new Set(requestIds)])
          .execute();
  const caseOfRequest = new Map(requests.map((r) => [r.id, r.caseId]));
  const caseIdOf = (t: { objectType: string; objectId: string }) =>
    t.objectType === 'case_request' ? caseOfRequest.get(t.objectId) : t.objectId;
  const caseIds = [
    ...new Set(terms.map(caseIdOf).filter((id): id is string => id !== undefined && UUID.test(id))),
  ];
  if (caseIds.length === 0) return new Map();
  const cases = await tx
    .selectFrom('cases')
    .select(['id', 'registrationNumber', 'orgUnitId', 'executorId'])
    .where('id', 'in', caseIds)
    .execute();
  const heads = await unitHeads(
    tx,
    cases.map((c) => c.orgUnitId).filter((id): id is string => id !== null),
  );
  const byId = new Map(
    cases.map((c) => [
      c.id,
      {
        caseId: c.id,
        registrationNumber: c.registrationNumber,
        orgUnitId: c.orgUnitId,
        executorId: c.executorId,
        headId: c.orgUnitId ? (heads.get(c.orgUnitId) ?? null) : null,
      },
    ]),
  );
  const result = new Map<string, TermCase>();
  for (const term of terms) {
    const found = byId.get(caseIdOf(term) ?? '');
    if (found) result.set(term.id, found);
  }
  return result;
}
