import {
  type CaseDecisionView,
  type CaseDocumentView,
  type CaseRequestView,
  type CaseStageRun,
  type TermStanding,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { ApplicationFacts } from '../applications/index.js';
import { termDueDates } from '../calendar/index.js';
import type { PinnedVersion } from '../catalog/index.js';
import { documentSummaries } from '../documents/index.js';
import { employeeNames, orgUnitNames } from '../org/index.js';
import { referenceLookup } from '../reference/index.js';
import type { CaseRow } from './case-row.js';
import { stageView } from './list-cases.js';
import { smevStatesOf } from '../smev/index.js';

type Standing = (dueDate: string, closed: boolean) => Promise<TermStanding>;
const named = (names: Map<string, string>, id: string | null) =>
  id ? { id, name: names.get(id) ?? '' } : null;

const REQUEST_STATUS_TITLES: Record<CaseRequestView['status'], string> = {
  pending: 'Ожидает отправки',
  sent: 'Направлен',
  answered: 'Ответ получен',
  failed: 'Ошибка отправки',
  cancelled: 'Отменён',
};

/** The label of an action of the pinned map, wherever it stands. */
export function actionLabel(version: PinnedVersion, key: string): string {
  for (const stage of version.definition.techMap.stages) {
    const action = stage.actions.find((a) => a.key === key);
    if (action) return action.label;
  }
  return key;
}

/** The stages the case has been at, oldest first, each with its action, actor and term (004 item 8). */
export async function stageRuns(
  tx: Tx,
  row: CaseRow,
  version: PinnedVersion,
  standing: Standing,
): Promise<CaseStageRun[]> {
  const runs = await tx
    .selectFrom('caseStages')
    .select(['stageKey', 'enteredAt', 'leftAt', 'actionKey', 'actorId', 'termId', 'comment'])
    .where('caseId', '=', row.id)
    .orderBy('enteredAt')
    .orderBy('leftAt', (ob) => ob.asc().nullsLast())
    .execute();
  const terms = await termDueDates(
    tx,
    runs.map((r) => r.termId),
  );
  const actors = await employeeNames(
    tx,
    runs.flatMap((r) => (r.actorId ? [r.actorId] : [])),
  );
  const out: CaseStageRun[] = [];
  for (const run of runs) {
    const term = run.termId ? terms.get(run.termId) : undefined;
    const stage = stageView(version, run.stageKey);
    out.push({
      stageKey: run.stageKey,
      name: stage.name,
      kind: stage.kind,
      enteredAt: run.enteredAt.toISOString(),
      leftAt: run.leftAt?.toISOString() ?? null,
      action: run.actionKey ? { key: run.actionKey, label: actionLabel(version, run.actionKey) } : null,
      actor: named(actors, run.actorId),
      comment: run.comment,
      term: term ? await standing(term.dueDate, term.status === 'closed' || run.leftAt !== null) : null,
    });
  }
  return out;
}

/** The executor's decisions and what the approving official did with each (000 items 3.4, 3.5). */
export async function caseDecisions(tx: Tx, row: CaseRow, version: PinnedVersion) {
  const rows = await tx
    .selectFrom('caseDecisions')
    .selectAll()
    .where('caseId', '=', row.id)
    .orderBy('decidedAt')
    .execute();
  const names = await employeeNames(
    tx,
    rows.flatMap((r) => (r.reviewedBy ? [r.decidedBy, r.reviewedBy] : [r.decidedBy])),
  );
  const grounds = new Map(version.definition.card.serviceRefusalGrounds.map((g) => [g.key, g.text]));
  const views: CaseDecisionView[] = rows.map((r) => ({
    id: r.id,
    decision: r.decision,
    actionLabel: actionLabel(version, r.actionKey),
    grounds: r.grounds.map((key) => ({ key, text: grounds.get(key) ?? key })),
    text: r.text,
    draftDocumentId: r.draftDocumentId,
    decidedBy: { id: r.decidedBy, name: names.get(r.decidedBy) ?? '' },
    decidedAt: r.decidedAt.toISOString(),
    status: r.status,
    reviewedBy: named(names, r.reviewedBy),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    returnReason: r.returnReason,
  }));
  return { views, rows };
}

/** The stage's requests: inter-agency ones with the agency's name, intra ones with the unit's. */
export async function caseRequests(tx: Tx, row: CaseRow, standing: Standing) {
  const rows = await tx
    .selectFrom('caseRequests')
    .selectAll()
    .where('caseId', '=', row.id)
    .orderBy('createdAt')
    .orderBy('requestKey')
    .execute();
  if (rows.length === 0) return { views: [] as CaseRequestView[], rows };
  const lookup = await referenceLookup(tx);
  const units = await orgUnitNames(
    tx,
    rows.flatMap((r) => (r.toUnitId ? [r.toUnitId] : [])),
  );
  const names = await employeeNames(
    tx,
    rows.flatMap((r) => (r.answeredBy ? [r.answeredBy] : [])),
  );
  const terms = await termDueDates(
    tx,
    rows.map((r) => r.termId),
  );
  const smev = await smevStatesOf(tx, row.id);
  const views: CaseRequestView[] = [];
  for (const r of rows) {
    const term = r.termId ? terms.get(r.termId) : undefined;
    const exchange = smev.get(r.id) ?? null;
    views.push({
      id: r.id,
      stageKey: r.stageKey,
      kind: r.kind,
      name: r.name,
      addressee: r.toUnitId
        ? (units.get(r.toUnitId) ?? '')
        : r.agency
          ? (lookup.name('agencies', r.agency) ?? r.agency)
          : '',
      mode: r.mode,
      status: r.status,
      // Until its answer, a request through SMEV stands as the exchange does (sent, failed).
      statusTitle:
        exchange && (r.status === 'pending' || r.status === 'sent')
          ? exchange.statusTitle
          : REQUEST_STATUS_TITLES[r.status],
      question: r.question,
      answer: r.answer,
      answerChannel: r.answerChannel,
      term: term
        ? await standing(
            term.dueDate,
            term.status === 'closed' || r.status === 'answered' || r.status === 'cancelled',
          )
        : null,
      sentAt: r.sentAt?.toISOString() ?? null,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      answeredBy: named(names, r.answeredBy),
      smev: exchange,
    });
  }
  return { views, rows };
}

/**
 * The documents that belong to the case, by id with their role: the application's receipt and refusal
 * notice, the decisions' drafts, the signed result, the answers to requests. What the case's document
 * downloads serve, and nothing else.
 */
export function caseDocumentIds(
  row: CaseRow,
  application: ApplicationFacts | undefined,
  decisions: ReadonlyArray<{ draftDocumentId: string | null }>,
  requests: ReadonlyArray<{ answerDocumentId: string | null }>,
): Map<string, CaseDocumentView['role']> {
  const roles = new Map<string, CaseDocumentView['role']>();
  if (application?.receiptDocumentId) roles.set(application.receiptDocumentId, 'receipt');
  if (application?.noticeDocumentId) roles.set(application.noticeDocumentId, 'notice');
  for (const d of decisions) if (d.draftDocumentId) roles.set(d.draftDocumentId, 'draft');
  for (const r of requests) if (r.answerDocumentId) roles.set(r.answerDocumentId, 'answer');
  if (row.resultDocumentId) roles.set(row.resultDocumentId, 'result');
  return roles;
}

/** The order of the case's documents: as the case produced them (intake, requests, decisions, result). */
const ROLE_ORDER: ReadonlyArray<CaseDocumentView['role']> = [
  'receipt',
  'notice',
  'answer',
  'draft',
  'result',
];

export async function caseDocuments(
  tx: Tx,
  roles: Map<string, CaseDocumentView['role']>,
): Promise<CaseDocumentView[]> {
  const summaries = await documentSummaries(tx, [...roles.keys()]);
  return [...summaries.values()]
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(roles.get(a.id) ?? 'draft') - ROLE_ORDER.indexOf(roles.get(b.id) ?? 'draft') ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    )
    .map((d) => ({
      id: d.id,
      title: d.title,
      fileName: d.fileName,
      role: roles.get(d.id) ?? 'draft',
      createdAt: d.createdAt.toISOString(),
      signatures: d.signatures.map((s) => ({
        ...s,
        signingTime: s.signingTime?.toISOString() ?? null,
      })),
    }));
}
