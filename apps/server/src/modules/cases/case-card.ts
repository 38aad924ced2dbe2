import { OUTCOME_TITLES, type CaseCard } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JournalTitles } from '../../platform/journal/titles.js';
import { applicationFactsOf } from '../applications/index.js';
import { termDueDates } from '../calendar/index.js';
import { serviceCodes, serviceVersion } from '../catalog/index.js';
import { renderedDocumentIds } from '../documents/index.js';
import { employeeNames, orgUnitNames, ownUnitAndAbove, ownUnitAndBelow } from '../org/index.js';
import { caseActions } from './card-actions.js';
import { caseDecisions, caseDocumentIds, caseDocuments, caseRequests, stageRuns } from './card-sections.js';
import type { CaseRow } from './case-row.js';
import { caseTimeline } from './case-timeline.js';
import { visibleCases, type CaseViewer } from './case-visibility.js';
import { stageView } from './list-cases.js';
import { termStandings, warnWorkingDays } from './term-standing.js';
import { smevDocumentsOfCase } from '../smev/index.js';

/** A case the viewer may see (cases.read and the rule of `visibleCases`); 404 for any other. */
export async function visibleCase(tx: Tx, viewer: CaseViewer, id: string): Promise<CaseRow> {
  const row = await tx
    .selectFrom('cases as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where(visibleCases(viewer))
    .executeTakeFirst();
  if (!row) throw notFound(`case ${id}`);
  return row;
}

/** Whether the viewer works in the case's unit or below it (`inUnit`), or heads it or a unit above (`heads`). */
async function viewerPlace(tx: Tx, viewer: CaseViewer, row: CaseRow) {
  if (!row.orgUnitId) return { inUnit: false, heads: false };
  const found = await tx
    .selectFrom('cases as c')
    .select((eb) => [
      eb('c.orgUnitId', 'in', ownUnitAndAbove(viewer.employeeId)).as('inUnit'),
      eb('c.orgUnitId', 'in', ownUnitAndBelow(viewer.employeeId)).as('heads'),
    ])
    .where('c.id', '=', row.id)
    .executeTakeFirstOrThrow();
  return { inUnit: Boolean(found.inUnit), heads: Boolean(found.heads) };
}

export interface CardScope {
  tx: Tx;
  municipalityId: string;
  today: string;
  titles: JournalTitles;
}

/**
 * The case card (000 items 3.4, 3.5; 004 item 8): the application and who applied, where the case
 * stands on its pinned map, what the viewer may do now, the terms, the stages it passed, the
 * decisions, requests and documents, and its history from the journal.
 */
export async function caseCard(scope: CardScope, viewer: CaseViewer, row: CaseRow): Promise<CaseCard> {
  const { tx } = scope;
  const version = await serviceVersion(tx, row.serviceVersionId);
  if (!version) throw new AppError('internal', `case ${row.id}: version ${row.serviceVersionId} missing`);
  const standing = termStandings(tx, scope.municipalityId, scope.today, await warnWorkingDays(tx));
  const application = (await applicationFactsOf(tx, [row.applicationId])).get(row.applicationId);
  if (!application) throw new AppError('internal', `case ${row.id}: application missing`);
  const units = await orgUnitNames(tx, row.orgUnitId ? [row.orgUnitId] : []);
  const executors = await employeeNames(tx, row.executorId ? [row.executorId] : []);
  const codes = await serviceCodes(tx, [row.serviceId]);
  const stageTerm = (await termDueDates(tx, [row.stageTermId])).get(row.stageTermId ?? '');
  const open = row.status === 'open';
  const place = await viewerPlace(tx, viewer, row);
  const decisions = await caseDecisions(tx, row, version);
  const requests = await caseRequests(tx, row, standing);
  const smevDocuments = (await smevDocumentsOfCase(tx, row.id)).map((answerDocumentId) => ({
    answerDocumentId,
  }));
  const documentRoles = caseDocumentIds(row, application, decisions.rows, [
    ...requests.rows,
    ...smevDocuments,
  ]);
  const { card, techMap } = version.definition;
  return {
    id: row.id,
    registrationNumber: row.registrationNumber,
    status: row.status,
    outcome: row.outcome,
    outcomeTitle: row.outcome ? OUTCOME_TITLES[row.outcome] : null,
    service: {
      id: row.serviceId,
      code: codes.get(row.serviceId) ?? '',
      name: card.name,
      shortName: card.shortName,
    },
    serviceVersionId: row.serviceVersionId,
    application: {
      id: application.id,
      channel: application.channel,
      status: application.status,
      statusTitle: application.statusTitle,
      registeredAt: application.registeredAt?.toISOString() ?? null,
    },
    applicant: application.applicant,
    representative: application.representative,
    orgUnit: row.orgUnitId ? { id: row.orgUnitId, name: units.get(row.orgUnitId) ?? '' } : null,
    executor: row.executorId ? { id: row.executorId, name: executors.get(row.executorId) ?? '' } : null,
    assignedAt: row.assignedAt?.toISOString() ?? null,
    stage: stageView(version, row.stageKey),
    techMap,
    actions: await caseActions(tx, viewer, row, version, scope.today),
    // «Назначить мне» (000 item 3.4): an open case nobody has taken, of the viewer's unit or above it.
    canAssignToMe: open && row.executorId === null && viewer.can('cases.work') && place.inUnit,
    // 004 item 3: the head of the case's unit (or of a unit above) assigns and reassigns.
    canAssign: open && viewer.can('cases.assign') && place.heads,
    term: await standing(row.dueDate, !open),
    stageTerm: stageTerm ? await standing(stageTerm.dueDate, !open || stageTerm.status === 'closed') : null,
    stages: await stageRuns(tx, row, version, standing),
    decisions: decisions.views,
    requests: requests.views,
    documents: await caseDocuments(tx, documentRoles),
    timeline: await caseTimeline(tx, scope.titles, [
      { objectType: 'case', objectId: row.id },
      { objectType: 'application', objectId: row.applicationId },
      ...decisions.rows.map((d) => ({ objectType: 'case_decision', objectId: d.id })),
      ...[...documentRoles.keys()].map((id) => ({ objectType: 'document', objectId: id })),
    ]),
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/**
 * The documents of a case the viewer may see (404 for a case they may not): by id with their roles,
 * and every id its downloads serve (those plus the rendered documents and their versions).
 */
export async function documentsOfCase(tx: Tx, viewer: CaseViewer, id: string) {
  const row = await visibleCase(tx, viewer, id);
  const application = (await applicationFactsOf(tx, [row.applicationId])).get(row.applicationId);
  const decisions = await tx
    .selectFrom('caseDecisions')
    .select('draftDocumentId')
    .where('caseId', '=', row.id)
    .execute();
  const requests = await tx
    .selectFrom('caseRequests')
    .select('answerDocumentId')
    .where('caseId', '=', row.id)
    .execute();
  const smevDocuments = (await smevDocumentsOfCase(tx, row.id)).map((answerDocumentId) => ({
    answerDocumentId,
  }));
  const roles = caseDocumentIds(row, application, decisions, [...requests, ...smevDocuments]);
  // Documents made from templates (000 item 2.5) and every earlier version of them.
  const rendered = await renderedDocumentIds(tx, { caseId: row.id, applicationId: row.applicationId });
  return { row, roles, ids: new Set([...roles.keys(), ...rendered]) };
}
