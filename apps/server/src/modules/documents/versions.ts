import type { DocumentKind } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { CommandScope } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { recordGeneratedDocument } from './generated-document.js';
import { DOCX_MEDIA_TYPE, insertRender, latestRender, type RenderData } from './renders.js';

export interface VersionDeps {
  files: FileStore;
  provider: GostProvider;
}

/**
 * A new version of a stored document: a new row naming the one it replaces (previous_version_id),
 * its version one more, the same title, owner and unit. The old version stays as it was (a signed or
 * sent version is never changed).
 */
export async function storeDocumentVersion(
  scope: Pick<CommandScope, 'tx'>,
  deps: VersionDeps,
  input: { previousId: string; content: Buffer; fileName: string; mediaType: string; at: Date },
): Promise<{ id: string; version: number }> {
  const previous = await scope.tx
    .selectFrom('documents')
    .select(['municipalityId', 'title', 'createdBy', 'orgUnitId', 'retainUntil', 'version', 'createdAt'])
    .where('id', '=', input.previousId)
    .executeTakeFirst();
  if (!previous) throw new AppError('not_found', `document ${input.previousId}`);
  // The retention the first version was given (at least 10 years, 004 item 6) holds for the next.
  const years = Number(previous.retainUntil.slice(0, 4)) - previous.createdAt.getUTCFullYear();
  const { id } = await recordGeneratedDocument(scope.tx, deps, {
    municipalityId: previous.municipalityId,
    title: previous.title,
    fileName: input.fileName,
    mediaType: input.mediaType,
    content: input.content,
    createdBy: previous.createdBy,
    orgUnitId: previous.orgUnitId,
    createdAt: input.at,
    retentionYears: years,
    previousVersionId: input.previousId,
  });
  return { id, version: previous.version + 1 };
}

/**
 * The executor's edited DOCX of a draft (a decision's result draft): stored as the next version of
 * the draft's current DOCX, and a render of its PDF asked for. The new render keeps the facts of the
 * one it follows and names the DOCX as its source (`data.source`, no template): the job converts it
 * and records the PDF as the next version of the draft's PDF. Journaled as `document.version_uploaded`.
 */
export async function uploadDraftVersion(
  scope: CommandScope,
  deps: VersionDeps,
  input: {
    subjectId: string;
    kinds: readonly DocumentKind[];
    content: Buffer;
    fileName: string;
    actorId: string;
    at: Date;
  },
): Promise<{ documentId: string; version: number; renderId: string }> {
  const { tx } = scope;
  const current = await latestRender(tx, { subjectId: input.subjectId, kinds: input.kinds });
  if (!current) throw new AppError('not_found', `no draft of ${input.subjectId}`);
  if (current.status === 'pending') throw new AppError('render_pending', `render ${current.id}`);
  if (current.status === 'failed' || !current.docxDocumentId) {
    throw new AppError('render_failed', `render ${current.id}`);
  }
  const render = await tx
    .selectFrom('documentRenders')
    .selectAll()
    .where('id', '=', current.id)
    .executeTakeFirstOrThrow();
  const version = await storeDocumentVersion(scope, deps, {
    previousId: current.docxDocumentId,
    content: input.content,
    fileName: input.fileName,
    mediaType: DOCX_MEDIA_TYPE,
    at: input.at,
  });
  const stored = await deps.files.put(input.content);
  const previous = render.data as RenderData;
  const data: RenderData = {
    facts: previous.facts,
    source: {
      documentId: version.id,
      storageKey: stored.key,
      sha256: stored.sha256,
      previousPdfId: current.pdfDocumentId,
    },
    document: previous.document,
  };
  const { renderId } = await insertRender(tx, {
    municipalityId: render.municipalityId,
    kind: render.kind,
    documentKey: render.documentKey,
    applicationId: render.applicationId,
    caseId: render.caseId,
    subjectId: render.subjectId,
    title: render.title,
    requestedBy: input.actorId,
    // Renders of a subject are read newest first: the new version's comes after the one it follows
    // even when the clock has not moved (a fixed clock, two requests within a millisecond).
    requestedAt: new Date(Math.max(input.at.getTime(), current.requestedAt.getTime() + 1)),
    templateId: null,
    templateSha256: stored.sha256,
    data,
    docxDocumentId: version.id,
  });
  await scope.journal({
    action: 'document.version_uploaded',
    objectType: 'document',
    objectId: version.id,
    payload: {
      previousVersionId: current.docxDocumentId,
      version: version.version,
      kind: render.kind,
      caseId: render.caseId,
      renderId,
      sha256: stored.sha256,
      fileName: input.fileName,
    },
  });
  return { documentId: version.id, version: version.version, renderId };
}

/**
 * The next version of a document that an employee made and nobody has signed: the stamped result
 * of an approval whose signature did not happen (a wrong PIN commits the attempt, and with it the
 * document made for it). The next attempt of the same signer signs that one instead of making another.
 */
export async function unsignedNextVersion(
  tx: Tx,
  files: FileStore,
  input: { previousId: string; createdBy: string },
): Promise<{ id: string; content: Buffer } | undefined> {
  const row = await tx
    .selectFrom('documents as d')
    .select(['d.id', 'd.storageKey'])
    .where('d.previousVersionId', '=', input.previousId)
    .where('d.createdBy', '=', input.createdBy)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('documentSignatures as s').select('s.id').whereRef('s.documentId', '=', 'd.id'),
        ),
      ),
    )
    .orderBy('d.createdAt', 'desc')
    .executeTakeFirst();
  return row && { id: row.id, content: await files.get(row.storageKey) };
}
