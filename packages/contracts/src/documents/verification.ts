import { z } from 'zod';

/**
 * The public check of a document the system stored, reached by the QR code on a signed PDF
 * (`/verify/<documentId>`, 000 item 3.5). It says whether the stored signatures verify and shows
 * exactly what the signature stamp shows (owner, position, certificate serial and validity, when),
 * the document's title and digests: nothing about the applicant or the case.
 */
export const PublicSignatureSchema = z.object({
  valid: z.boolean(),
  /** «Подпись действительна» or why not. */
  summary: z.string(),
  /** The certificate's owner and position, as the stamp names them. */
  owner: z.string(),
  position: z.string().nullable(),
  certificateSerial: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** The signing-time attribute (the signer's claim), else null. */
  signingTime: z.string().nullable(),
  /** When the system stored the signature: the trusted time it is judged at. */
  storedAt: z.string(),
});
export type PublicSignature = z.infer<typeof PublicSignatureSchema>;

export const PUBLIC_VERDICTS = ['authentic', 'invalid', 'unsigned'] as const;
export type PublicVerdict = (typeof PUBLIC_VERDICTS)[number];
export const PUBLIC_VERDICT_TITLES: Record<PublicVerdict, string> = {
  authentic: 'Документ подлинный',
  invalid: 'Подпись недействительна',
  unsigned: 'Документ не подписан электронной подписью',
};

export const PublicDocumentVerificationSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  size: z.number(),
  sha256: z.string(),
  streebog256: z.string(),
  /** authentic: every signature verifies; invalid: one does not; unsigned: there is none. */
  verdict: z.enum(PUBLIC_VERDICTS),
  verdictTitle: z.string(),
  signatures: z.array(PublicSignatureSchema),
  verifiedAt: z.string(),
});
export type PublicDocumentVerification = z.infer<typeof PublicDocumentVerificationSchema>;
