import {
  DOCUMENT_KIND_TITLES,
  type Ground,
  type ServiceDefinition,
  type Stage,
  type StageDocument,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { moscowDate, ruDate } from '../../platform/clock.js';
import { applicationDocumentFacts, type Facts } from '../applications/index.js';
import { employeeCard, employeesWithRole } from '../org/index.js';
import { referenceLookup } from '../reference/index.js';
import type { CaseRow } from './case-row.js';

/**
 * The approval stage a decision goes to (its action's `to`: a grant and a refusal are approved at
 * stages of their own) and that stage's document that is the decision's result: for a grant a
 * positive result of the card, for a refusal a negative one (000 item 3.5). `documentName` names that
 * document; `resultName` is what the applicant asked for — the positive result, also in a refusal
 * («Наименование результата, в предоставлении которого отказано»).
 */
export function resultDocumentOf(
  definition: ServiceDefinition,
  decision: 'grant' | 'refuse',
): {
  stage: Stage | undefined;
  document: StageDocument | undefined;
  documentName: string;
  resultName: string;
} {
  const { stages } = definition.techMap;
  const signs = (s: Stage) => s.actions.some((a) => a.signature);
  const target = stages
    .filter((s) => s.kind === 'decision')
    .flatMap((s) => s.actions)
    .find((a) => a.decision === decision)?.to;
  const stage = stages.find((s) => s.key === target && signs(s)) ?? stages.find(signs);
  const wanted = decision === 'grant' ? 'positive' : 'negative';
  const results = new Map(definition.card.results.map((r) => [r.key, r]));
  const documents = stage?.documents ?? [];
  const document =
    documents.find((d) => d.resultKey !== null && results.get(d.resultKey)?.kind === wanted) ??
    documents.find((d) => d.resultKey === null) ??
    documents[0];
  const result =
    (document?.resultKey ? results.get(document.resultKey) : undefined) ??
    definition.card.results.find((r) => r.kind === wanted);
  const documentName = document?.name ?? result?.name ?? '';
  return {
    stage,
    document,
    documentName,
    resultName: decision === 'grant' ? documentName : resultDocumentOf(definition, 'grant').documentName,
  };
}

/** The title of a decision's result document: «Градостроительный план земельного участка № 00001/2026». */
export function resultTitle(
  definition: ServiceDefinition,
  decision: 'grant' | 'refuse',
  registrationNumber: string,
): string {
  const name = resultDocumentOf(definition, decision).documentName;
  return `${name || DOCUMENT_KIND_TITLES[decision === 'grant' ? 'result' : 'service_refusal']} № ${registrationNumber}`;
}

/** The case's own facts: the application's, the term, the executor. */
export async function caseFacts(
  tx: Tx,
  input: { row: CaseRow; employeeId: string | null; at: Date },
): Promise<{ facts: Facts; definition: ServiceDefinition }> {
  const { row } = input;
  const base = await applicationDocumentFacts(tx, {
    applicationId: row.applicationId,
    employeeId: input.employeeId,
    orgUnitId: row.orgUnitId,
    at: input.at,
  });
  const executor = row.executorId ? await employeeCard(tx, row.executorId) : undefined;
  return {
    definition: base.definition,
    facts: {
      ...base.facts,
      dueDate: ruDate(row.dueDate),
      executorName: executor?.fullName ?? '—',
      executorPosition: executor?.positionName ?? '',
    },
  };
}

/** Answers of the case's requests (SMEV and intra-agency) that have come. */
async function answersOf(tx: Tx, caseId: string): Promise<Array<Record<string, string>>> {
  const rows = await tx
    .selectFrom('caseRequests')
    .select(['name', 'agency', 'kind', 'answer', 'answeredAt'])
    .where('caseId', '=', caseId)
    .where('status', '=', 'answered')
    .orderBy('answeredAt')
    .orderBy('id')
    .execute();
  const reference = await referenceLookup(tx);
  return rows.map((r) => ({
    name: r.name,
    agency: r.agency ? (reference.name('agencies', r.agency) ?? r.agency) : 'Структурное подразделение',
    date: r.answeredAt ? moscowDate(r.answeredAt) : '—',
    summary: r.answer ?? 'Ответ получен',
  }));
}

/** Who signs: an employee of the approval stage's role, of the case's unit when one is there. */
async function officialOf(tx: Tx, row: CaseRow, stage: Stage | undefined) {
  const role = stage?.responsible?.role;
  if (!role) return undefined;
  const cards = [];
  for (const id of await employeesWithRole(tx, role)) {
    const card = await employeeCard(tx, id);
    if (card) cards.push(card);
  }
  return cards.find((c) => c.orgUnitId === row.orgUnitId) ?? cards[0];
}

/**
 * The facts of a decision's documents (000 items 3.4, 3.5): the draft decision, the result the
 * official signs (the approval stage's document), the applicant's notice. Refusal grounds come with
 * their clauses (210-ФЗ ст. 14).
 */
export async function decisionFacts(
  tx: Tx,
  input: {
    row: CaseRow;
    decision: 'grant' | 'refuse';
    grounds: readonly Ground[];
    text: string;
    employeeId: string | null;
    at: Date;
  },
): Promise<{ facts: Facts; definition: ServiceDefinition; documentKey: string | null }> {
  const { facts, definition } = await caseFacts(tx, input);
  const result = resultDocumentOf(definition, input.decision);
  const official = await officialOf(tx, input.row, result.stage);
  return {
    definition,
    documentKey: result.document?.key ?? null,
    facts: {
      ...facts,
      granted: input.decision === 'grant',
      refused: input.decision === 'refuse',
      decisionText: input.text,
      resultName: result.resultName,
      refusalGrounds: input.grounds.map((g) => ({ text: g.text, clause: g.clause || '—' })),
      answers: await answersOf(tx, input.row.id),
      officialName: official?.fullName ?? '',
      officialPosition: official?.positionName ?? '',
    },
  };
}

/** The facts of an intra-agency request to another unit. */
export async function intraRequestFacts(
  tx: Tx,
  input: {
    row: CaseRow;
    request: { name: string; unitName: string; dueDate: string | null };
    employeeId: string | null;
    at: Date;
  },
): Promise<{ facts: Facts; definition: ServiceDefinition }> {
  const { facts, definition } = await caseFacts(tx, input);
  return {
    definition,
    facts: {
      ...facts,
      requestName: input.request.name,
      requestUnit: input.request.unitName,
      requestDueDate: input.request.dueDate ? ruDate(input.request.dueDate) : '—',
    },
  };
}
