import { z } from 'zod';

/**
 * What the applicant sees of the case on the portal besides the application's status history: the
 * result once signed (the document and its detached signature, both downloadable) and whether the
 * application may still be withdrawn (before the decision is signed).
 */
export const PortalCaseResultSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  fileName: z.string(),
  signedAt: z.string(),
  signer: z.string(),
  /** `…/result` and `…/result.sig`. */
  downloadPath: z.string(),
  signaturePath: z.string(),
});
export type PortalCaseResult = z.infer<typeof PortalCaseResultSchema>;

/**
 * A document of the case the applicant receives (000 item 2.5): the signed result (with its `.sig` and
 * the public check its QR code opens) and the notice of the outcome. Paths are the applicant's own.
 */
export const PortalCaseDocumentSchema = z.object({
  kind: z.enum(['result', 'applicant_notice']),
  title: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  downloadPath: z.string(),
  /** The detached signature (`.sig`) of a signed document, else null. */
  signaturePath: z.string().nullable(),
  /** `/verify/<documentId>`: the public check of a signed document, else null. */
  verifyPath: z.string().nullable(),
});
export type PortalCaseDocument = z.infer<typeof PortalCaseDocumentSchema>;

export const PortalCaseSchema = z.object({
  stageTitle: z.string().nullable(),
  result: PortalCaseResultSchema.nullable(),
  /** The signed result and the notice of the outcome, once made. */
  documents: z.array(PortalCaseDocumentSchema),
  canWithdraw: z.boolean(),
});
export type PortalCase = z.infer<typeof PortalCaseSchema>;
