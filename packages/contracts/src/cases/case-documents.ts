import { z } from 'zod';
import { DocumentKindSchema, RENDER_STATUSES } from '../documents/templates.js';
import { CaseDocumentViewSchema, CaseSignatureViewSchema } from './case-card.js';

/**
 * The case's documents made from templates (000 item 2.5): each document a step asked for, where its
 * rendering stands, its PDF and DOCX, the versions an executor uploaded, who made each and its
 * digests, the signatures with their verification summaries.
 */

/** One stored file of a document (a PDF or a DOCX, one version of it). */
export const CaseDocumentFileSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  format: z.enum(['pdf', 'docx', 'other']),
  version: z.number().int(),
  createdAt: z.string(),
  /** Who made it: the employee who uploaded it or whose step asked for it. */
  author: z.string(),
  size: z.number(),
  sha256: z.string(),
  /** ГОСТ Р 34.11-2012, 256 bits. */
  streebog256: z.string(),
  signatures: z.array(CaseSignatureViewSchema),
});
export type CaseDocumentFile = z.infer<typeof CaseDocumentFileSchema>;

export const CaseRenderedDocumentSchema = z.object({
  /** The latest render of the document. */
  id: z.string(),
  kind: DocumentKindSchema,
  kindTitle: z.string(),
  title: z.string(),
  status: z.enum(RENDER_STATUSES),
  /** Формируется / Сформирован / Не сформирован. */
  statusTitle: z.string(),
  /** Why it was not made, in Russian. */
  error: z.string().nullable(),
  requestedAt: z.string(),
  /** The current PDF and (an editable draft) DOCX; null until made. */
  pdf: CaseDocumentFileSchema.nullable(),
  docx: CaseDocumentFileSchema.nullable(),
  /** Earlier versions of the PDF and DOCX, newest first. */
  previousVersions: z.array(CaseDocumentFileSchema),
  /** «Загрузить новую редакцию (DOCX)»: the executor, while the decision awaits approval. */
  canUploadVersion: z.boolean(),
});
export type CaseRenderedDocument = z.infer<typeof CaseRenderedDocumentSchema>;

export const CaseDocumentsSchema = z.object({
  items: z.array(CaseRenderedDocumentSchema),
  /** Any document still forming: the page asks again shortly. */
  pending: z.boolean(),
  /** The case's other documents (uploaded scans, answers, the signed result), not made from a template. */
  others: z.array(CaseDocumentViewSchema),
});
export type CaseDocuments = z.infer<typeof CaseDocumentsSchema>;
