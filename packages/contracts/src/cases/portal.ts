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

export const PortalCaseSchema = z.object({
  stageTitle: z.string().nullable(),
  result: PortalCaseResultSchema.nullable(),
  canWithdraw: z.boolean(),
});
export type PortalCase = z.infer<typeof PortalCaseSchema>;
