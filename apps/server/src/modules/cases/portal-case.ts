import { stageOf, type PortalCase, type Stage, type StageKind } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { serviceVersion } from '../catalog/index.js';
import { documentSummaries, latestRender, signatureFile } from '../documents/index.js';

/** What the applicant is told the case is doing, in plain words (the stage's own name is the staff's). */
const STAGE_WORDS: Record<Exclude<StageKind, 'final'>, string> = {
  intake: 'Приём заявления',
  work: 'Рассмотрение заявления',
  decision: 'Подготовка решения',
  approval: 'Подписание решения должностным лицом',
  issue: 'Выдача результата',
};

function stageWords(stage: Stage | undefined): string | null {
  if (!stage || stage.kind === 'final') return null;
  if (stage.kind === 'work' && stage.interagencyRequests.length + stage.intraRequests.length > 0) {
    return 'Запрос сведений в органах и организациях';
  }
  return STAGE_WORDS[stage.kind];
}

function caseOf(tx: Tx, applicationId: string) {
  return tx
    .selectFrom('cases')
    .select(['id', 'status', 'stageKey', 'serviceVersionId', 'resultDocumentId'])
    .where('applicationId', '=', applicationId)
    .executeTakeFirst();
}

/**
 * The case as the portal shows it to the applicant (000 item 3.3): the stage in plain words while it
 * is open, the signed result with its download paths, and whether the application may still be
 * withdrawn (an open case with no signed result). Null before the application is accepted.
 */
export async function portalCaseOf(
  tx: Tx,
  input: { applicationId: string; basePath: string },
): Promise<PortalCase | null> {
  const row = await caseOf(tx, input.applicationId);
  if (!row) return null;
  const version = await serviceVersion(tx, row.serviceVersionId);
  const stage = version ? stageOf(version.definition.techMap, row.stageKey) : undefined;
  let result: PortalCase['result'] = null;
  if (row.resultDocumentId) {
    const document = (await documentSummaries(tx, [row.resultDocumentId])).get(row.resultDocumentId);
    const signature = document?.signatures.at(-1);
    if (document && signature) {
      result = {
        documentId: document.id,
        title: document.title,
        fileName: document.fileName,
        signedAt: (signature.signingTime ?? document.createdAt).toISOString(),
        signer: signature.signer,
        downloadPath: `${input.basePath}/result`,
        signaturePath: `${input.basePath}/result.sig`,
      };
    }
  }
  const documents: PortalCase['documents'] = [];
  if (result) {
    documents.push({
      kind: 'result',
      title: result.title,
      fileName: result.fileName,
      createdAt: result.signedAt,
      downloadPath: result.downloadPath,
      signaturePath: result.signaturePath,
      verifyPath: `/verify/${result.documentId}`,
    });
  }
  const noticeId = await noticeDocumentOf(tx, input.applicationId);
  const notice = noticeId ? (await documentSummaries(tx, [noticeId])).get(noticeId) : undefined;
  if (notice) {
    documents.push({
      kind: 'applicant_notice',
      title: notice.title,
      fileName: notice.fileName,
      createdAt: notice.createdAt.toISOString(),
      downloadPath: `${input.basePath}/notice`,
      signaturePath: null,
      verifyPath: null,
    });
  }
  return {
    stageTitle: row.status === 'open' ? stageWords(stage) : null,
    result,
    documents,
    canWithdraw: row.status === 'open' && row.resultDocumentId === null,
  };
}

/** The signed result of the application's case and its latest signature, for the applicant's download. */
export async function caseResultOf(
  tx: Tx,
  applicationId: string,
): Promise<{ documentId: string; signature: { fileName: string; der: Uint8Array } | undefined } | undefined> {
  const row = await caseOf(tx, applicationId);
  if (!row?.resultDocumentId) return undefined;
  const document = (await documentSummaries(tx, [row.resultDocumentId])).get(row.resultDocumentId);
  const last = document?.signatures.at(-1);
  if (!last) return undefined;
  return {
    documentId: row.resultDocumentId,
    signature: await signatureFile(tx, row.resultDocumentId, last.id),
  };
}

/**
 * The notice of the outcome made for the applicant (000 item 2.5), once it is made: the latest ready
 * render of the application's case. The caller has checked the application is the applicant's own.
 */
export async function noticeDocumentOf(tx: Tx, applicationId: string): Promise<string | undefined> {
  const row = await caseOf(tx, applicationId);
  if (!row) return undefined;
  const render = await latestRender(tx, { applicationId, kinds: ['applicant_notice'] });
  return render?.status === 'ready' ? (render.pdfDocumentId ?? undefined) : undefined;
}
