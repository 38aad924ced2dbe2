import type { Ground, ServiceDefinition, Stage, StageDocument } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { moscowDate, ruDate } from '../../platform/clock.js';
import { applicationDocumentFacts, type Facts } from '../applications/index.js';
import { employeeCard, employeesWithRole } from '../org/index.js';
import { referenceLookup } from '../reference/index.js';
import type { CaseRow } from './case-row.js';

/**
 * The approval stage (the one whose action is a signature) and its document that is the result of
 * the decision: for a grant a positive result of the card, for a refusal a negative one (000 item 3.5).
 */
export function resultDocumentOf(
  definition: ServiceDefinition,
  decision: 'grant' | 'refuse',
): { stage: Stage | undefined; document: StageDocument | undefined; resultName: string } {
  const stage = definition.techMap.stages.find((s) => s.actions.some((a) => a.signature));
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
  return { stage, document, resultName: document?.name ?? result?.name ?? '' };
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
): Promise<{ facts: Facts; definition: ServiceDefinition; documentKey: string | null; resultName: string }> {
  const { facts, definition } = await caseFacts(tx, input);
  const result = resultDocumentOf(definition, input.decision);
  const official = await officialOf(tx, input.row, result.stage);
  return {
    definition,
    documentKey: result.document?.key ?? null,
    resultName: result.resultName,
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
