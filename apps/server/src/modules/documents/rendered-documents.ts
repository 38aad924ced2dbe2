import {
  DOCUMENT_KIND_TITLES,
  RENDER_STATUS_TITLES,
  type CaseDocumentFile,
  type CaseRenderedDocument,
  type DocumentKind,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { employeeNames } from '../org/index.js';
import { signatureSummaries } from './case-documents.js';
import { DOCX_MEDIA_TYPE, EDITABLE_KINDS, PDF_MEDIA_TYPE } from './renders.js';

/** Where the renders are looked for: the case's, and its application's from before the case opened. */
export interface RenderOwner {
  caseId: string;
  applicationId: string;
}

type RenderRow = {
  id: string;
  kind: DocumentKind;
  documentKey: string | null;
  subjectId: string | null;
  title: string;
  status: 'pending' | 'ready' | 'failed';
  error: string | null;
  pdfDocumentId: string | null;
  docxDocumentId: string | null;
  requestedAt: Date;
};

async function rendersOfOwner(tx: Tx, owner: RenderOwner): Promise<RenderRow[]> {
  return tx
    .selectFrom('documentRenders')
    .select([
      'id',
      'kind',
      'documentKey',
      'subjectId',
      'title',
      'status',
      'error',
      'pdfDocumentId',
      'docxDocumentId',
      'requestedAt',
    ])
    .where((eb) => eb.or([eb('caseId', '=', owner.caseId), eb('applicationId', '=', owner.applicationId)]))
    .orderBy('requestedAt')
    .orderBy('id')
    .execute();
}

type FileRow = {
  id: string;
  fileName: string;
  mediaType: string;
  version: number;
  previousVersionId: string | null;
  createdAt: Date;
  createdBy: string;
  size: number;
  sha256: string;
  streebog256: string;
};

const FILE_COLUMNS = [
  'id',
  'fileName',
  'mediaType',
  'version',
  'previousVersionId',
  'createdAt',
  'createdBy',
  'size',
  'sha256',
  'streebog256',
] as const;

/**
 * The documents with every version before them and after them (previous_version_id chains, both
 * ways), by id. A version after the rendered one is the signed result: approval records the stamped
 * PDF as the draft PDF's next version.
 */
async function withVersions(tx: Tx, ids: readonly string[]): Promise<Map<string, FileRow>> {
  const found = new Map<string, FileRow>();
  let before = [...new Set(ids)];
  let after = [...before];
  // A chain is as long as the executor's uploads: a few rounds at most.
  while (before.length > 0 || after.length > 0) {
    const rows = await tx
      .selectFrom('documents')
      .select(FILE_COLUMNS)
      .where((eb) =>
        eb.or([
          ...(before.length > 0 ? [eb('id', 'in', before)] : []),
          ...(after.length > 0 ? [eb('previousVersionId', 'in', after)] : []),
        ]),
      )
      .execute();
    const fresh = rows.filter((r) => !found.has(r.id));
    for (const r of fresh) found.set(r.id, r);
    before = [
      ...new Set(
        fresh.flatMap((r) =>
          r.previousVersionId && !found.has(r.previousVersionId) ? [r.previousVersionId] : [],
        ),
      ),
    ];
    after = fresh.map((r) => r.id);
  }
  return found;
}

/** The latest version that follows the given one (itself when none does). */
function latestOf(files: Map<string, FileRow>, id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  let at = id;
  for (;;) {
    const next = [...files.values()]
      .filter((f) => f.previousVersionId === at)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    if (!next) return at;
    at = next.id;
  }
}

/** Every document id the case's renders made, with all their earlier versions: what its downloads serve. */
export async function renderedDocumentIds(tx: Tx, owner: RenderOwner): Promise<Set<string>> {
  const renders = await rendersOfOwner(tx, owner);
  const files = await withVersions(
    tx,
    renders.flatMap((r) => [r.pdfDocumentId, r.docxDocumentId].filter((id): id is string => id !== null)),
  );
  return new Set(files.keys());
}

const formatOf = (mediaType: string): CaseDocumentFile['format'] =>
  mediaType === PDF_MEDIA_TYPE ? 'pdf' : mediaType === DOCX_MEDIA_TYPE ? 'docx' : 'other';

/**
 * The case's documents made from templates (000 item 2.5), one per document a step asked for: the
 * renders of one kind for one subject (a decision, a request) and one document key are versions of
 * one document, the latest render says where it stands. `canUpload` says, for an editable one, whether
 * the reader may upload a new DOCX version (the cases module decides: the executor, decision pending).
 */
export async function renderedDocuments(
  tx: Tx,
  owner: RenderOwner,
  canUpload: (render: { kind: DocumentKind; subjectId: string | null }) => boolean,
): Promise<CaseRenderedDocument[]> {
  const renders = await rendersOfOwner(tx, owner);
  const groups = new Map<string, RenderRow[]>();
  for (const r of renders) {
    const key = `${r.kind}|${r.subjectId ?? ''}|${r.documentKey ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const files = await withVersions(
    tx,
    renders.flatMap((r) => [r.pdfDocumentId, r.docxDocumentId].filter((id): id is string => id !== null)),
  );
  const signatures = await signatureSummaries(tx, [...files.keys()]);
  const authors = await employeeNames(
    tx,
    [...files.values()].map((f) => f.createdBy),
  );
  const view = (id: string | null | undefined): CaseDocumentFile | null => {
    const f = id ? files.get(id) : undefined;
    if (!f) return null;
    return {
      id: f.id,
      fileName: f.fileName,
      mediaType: f.mediaType,
      format: formatOf(f.mediaType),
      version: f.version,
      createdAt: f.createdAt.toISOString(),
      author: authors.get(f.createdBy) ?? '',
      size: f.size,
      sha256: f.sha256,
      streebog256: f.streebog256,
      signatures: (signatures.get(f.id) ?? []).map((s) => ({
        ...s,
        signingTime: s.signingTime?.toISOString() ?? null,
      })),
    };
  };
  const chain = (id: string | null | undefined): CaseDocumentFile[] => {
    const out: CaseDocumentFile[] = [];
    let at = id ? files.get(id)?.previousVersionId : null;
    while (at) {
      const file = view(at);
      if (!file) break;
      out.push(file);
      at = files.get(at)?.previousVersionId ?? null;
    }
    return out;
  };
  const out: CaseRenderedDocument[] = [];
  for (const group of groups.values()) {
    const latest = group[group.length - 1] as RenderRow;
    // While a new version forms, the last PDF made stays available.
    const pdfId = latestOf(files, [...group].reverse().find((r) => r.pdfDocumentId)?.pdfDocumentId);
    const docxId = latestOf(files, [...group].reverse().find((r) => r.docxDocumentId)?.docxDocumentId);
    const previousVersions = [...chain(pdfId), ...chain(docxId)].sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
    out.push({
      id: latest.id,
      kind: latest.kind,
      kindTitle: DOCUMENT_KIND_TITLES[latest.kind],
      title: latest.title,
      status: latest.status,
      statusTitle: RENDER_STATUS_TITLES[latest.status],
      error: latest.status === 'failed' ? latest.error : null,
      requestedAt: latest.requestedAt.toISOString(),
      pdf: view(pdfId),
      docx: view(docxId),
      previousVersions,
      canUploadVersion:
        EDITABLE_KINDS.includes(latest.kind) &&
        latest.status === 'ready' &&
        docxId !== undefined &&
        canUpload({ kind: latest.kind, subjectId: latest.subjectId }),
    });
  }
  return out;
}
