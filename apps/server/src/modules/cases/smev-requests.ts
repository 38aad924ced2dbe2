import { stageOf, type InteragencyRequestDef } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { todayOf } from '../../platform/clock.js';
import { informationKindOf } from '../../platform/smev/kinds/index.js';
import { holdDocument } from '../applicant-registry/index.js';
import { smevSubjectOf } from '../applications/index.js';
import { closeTerm } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { queueSmevRequest, whenSmevAnswered } from '../smev/index.js';
import { sendStageRequests } from './advance.js';
import { lockCase } from './case-row.js';

export type InteragencyStart = { status: 'pending' } | { status: 'cancelled'; reason: string };

/**
 * Puts an inter-agency request of a stage into the SMEV outbox (000 item 2.9; 004 item 11), built from
 * the application: who applied and the objects it names. A kind the system has no SMEV format for
 * (a conclusion of another authority) stays for the executor to record its answer by hand. A request
 * that does not apply to this applicant (ЕГРЮЛ for a person) is cancelled with the reason, as it
 * asks for nothing; the executor sees why.
 */
export async function startInteragencyRequest(
  tx: Tx,
  input: {
    municipalityId: string;
    caseId: string;
    caseRequestId: string;
    registrationNumber: string;
    request: InteragencyRequestDef;
    dueDate: string | null;
    /** The employee on whose step the request goes: told of a failure, owner of the answer's document. */
    requestedBy: string | null;
    at: Date;
  },
): Promise<InteragencyStart> {
  const kind = informationKindOf(input.request.requestKind);
  if (!kind) return { status: 'pending' };
  const caseRow = await tx
    .selectFrom('cases')
    .select('applicationId')
    .where('id', '=', input.caseId)
    .executeTakeFirstOrThrow();
  const subject = await smevSubjectOf(tx, caseRow.applicationId);
  // An application linked to no registry record names its applicant only in the form: the executor
  // records this answer by hand.
  if (!subject.applicant) return { status: 'pending' };
  const built = kind.build({
    requestId: input.caseRequestId,
    registrationNumber: input.registrationNumber,
    applicant: subject.applicant,
    cadastralNumbers: subject.cadastralNumbers,
  });
  if ('notApplicable' in built) return { status: 'cancelled', reason: built.notApplicable };
  await queueSmevRequest(tx, {
    municipalityId: input.municipalityId,
    caseId: input.caseId,
    caseRequestId: input.caseRequestId,
    registrationNumber: input.registrationNumber,
    dueDate: input.dueDate,
    requestKind: input.request.requestKind,
    agency: input.request.agency,
    content: built.content,
    at: input.at,
    createdBy: input.requestedBy,
  });
  return { status: 'pending' };
}

/**
 * An answer through SMEV (smev module, in its receiving transaction): the case's request is answered
 * (channel `smev`) with the answer's summary and document, its term closes, the next sequential
 * request of the stage goes out, the executor is told, and the document is held for the applicant so
 * that a later application does not ask for it again (004 item 9; 210-ФЗ ст. 7 ч. 1 п. 2).
 */
whenSmevAnswered(async (tx, event) => {
  const { row, version } = await lockCase(tx, event.caseId);
  const request = await tx
    .selectFrom('caseRequests')
    .selectAll()
    .where('id', '=', event.caseRequestId)
    .executeTakeFirst();
  if (!request) return;
  const answered = await tx
    .updateTable('caseRequests')
    .set({
      status: 'answered',
      answer: event.text.slice(0, 8000),
      answerChannel: 'smev',
      answeredAt: event.at,
      answerDocumentId: event.documentId,
    })
    .where('id', '=', request.id)
    .where('status', 'in', ['pending', 'sent'])
    .executeTakeFirst();
  if (answered.numUpdatedRows === 0n) return;
  if (request.termId) await closeTerm(tx, request.termId);

  const stage =
    row.status === 'open' && request.stageKey === row.stageKey
      ? stageOf(version.definition.techMap, row.stageKey)
      : null;
  if (stage) {
    await sendStageRequests(tx, {
      municipalityId: row.municipalityId,
      caseId: row.id,
      registrationNumber: row.registrationNumber,
      executorId: row.executorId,
      stage,
      at: event.at,
      startDate: todayOf(() => event.at),
      actorId: event.requestedBy,
    });
  }
  await tx
    .updateTable('cases')
    .set((eb) => ({ updatedAt: event.at, rowVersion: eb('rowVersion', '+', 1) }))
    .where('id', '=', row.id)
    .execute();

  // The document the request obtains, as the card names it: held for the applicant.
  const definition = version.definition;
  const def = definition.techMap.stages
    .flatMap((s) => s.interagencyRequests)
    .find((r) => r.key === request.requestKey);
  const held = def?.documentKey
    ? definition.card.interagencyDocuments.find((d) => d.key === def.documentKey)
    : undefined;
  if (event.outcome === 'answered' && event.documentId && held) {
    const subject = await smevSubjectOf(tx, row.applicationId);
    if (subject.applicantRecordId) {
      await holdDocument(tx, {
        municipalityId: row.municipalityId,
        applicantRecordId: subject.applicantRecordId,
        documentType: held.documentType,
        title: held.name,
        validUntil: null,
        source: 'smev',
        sourceApplicationId: row.applicationId,
        fileId: null,
        documentId: event.documentId,
        receivedAt: event.at,
        createdBy: null,
      });
    }
  }
  if (row.executorId) {
    await notify(tx, {
      municipalityId: row.municipalityId,
      recipientId: row.executorId,
      text:
        event.outcome === 'answered'
          ? `Получен ответ через СМЭВ на запрос «${request.name}» по заявлению № ${row.registrationNumber}`
          : `Отказ в ответе на запрос «${request.name}» по заявлению № ${row.registrationNumber}: ${event.text}`,
      objectType: 'case',
      objectId: row.id,
    });
  }
});
