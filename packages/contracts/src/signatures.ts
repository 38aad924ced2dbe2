import { z } from 'zod';
import { IdSchema } from './org.js';
import { line, text } from './text.js';

/** Documents, qualified-style signatures, the installation's PKI: shapes shared by server and web. */

/** The largest document the store takes through the API (base64 in JSON, see docs/architecture.md). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** A CMS signature file is a few kilobytes; anything past this is not one. */
export const SIGNATURE_MAX_BYTES = 256 * 1024;

/** Base64 text of `bytes` bytes, with room for a CRLF every 64 characters (PEM-style wrapping). */
const base64Length = (bytes: number) => {
  const chars = 4 * Math.ceil(bytes / 3);
  return chars + 2 * Math.ceil(chars / 64);
};

/** A file's bytes as base64 (line breaks allowed), at most `maxBytes` once decoded. */
const base64File = (label: string, maxBytes: number, tooLarge: string) =>
  text({ trim: false })
    .min(1)
    .max(base64Length(maxBytes), { message: tooLarge })
    .regex(/^[A-Za-z0-9+/=\r\n]+$/, { message: 'Передаётся в кодировке base64' })
    .describe(label);

export const SignerSchema = z.object({
  fullName: z.string(),
  title: z.string().nullable(),
  organization: z.string().nullable(),
  /** Formatted "XXX-XXX-XXX YY". */
  snils: z.string().nullable(),
  inn: z.string().nullable(),
  innLegalEntity: z.string().nullable(),
  ogrn: z.string().nullable(),
  serialNumber: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
});

/** not_checked: no current CRL of the issuer (none, only stale ones, or none that verifies). */
export const RevocationStatusSchema = z.enum(['good', 'revoked', 'not_checked']);

/** valid: every check holds; invalid: one fails; indeterminate: none fails, one could not be made. */
export const VerificationStatusSchema = z.enum(['valid', 'invalid', 'indeterminate']);

const ReasonSchema = z.object({ reason: z.string(), message: z.string() });

/** What a person reads about a signature; the reasons and messages come from the GOST core. */
export const SignatureReportSchema = z.object({
  status: VerificationStatusSchema,
  /** status === 'valid'. */
  valid: z.boolean(),
  /** «Подпись действительна» or the first reason it is not (or could not be confirmed). */
  summary: z.string(),
  reason: z.string().nullable(),
  failures: z.array(ReasonSchema),
  /** Why the result is indeterminate: e.g. the revocation status could not be checked. */
  indeterminate: z.array(ReasonSchema),
  signer: SignerSchema.nullable(),
  /** The signing-time attribute: the signer's claim. */
  signingTime: z.string().nullable(),
  /** «Время подписи указано подписавшим и не подтверждено штампом времени», when there is one. */
  signingTimeNote: z.string().nullable(),
  /**
   * The trusted moment the certificate's validity and revocation were judged at: when the system
   * stored the signature ('stored'), or the verification itself ('verification').
   */
  referenceTime: z.object({
    at: z.string(),
    source: z.enum(['stored', 'verification']),
    description: z.string(),
  }),
  checks: z.object({
    digest: z.boolean(),
    signature: z.boolean(),
    chain: z.boolean(),
    validity: z.boolean(),
    revocation: RevocationStatusSchema,
  }),
  /** Common names from the signer up to the trusted root. */
  chain: z.array(z.string()),
  verifiedAt: z.string(),
});
export type SignatureReport = z.infer<typeof SignatureReportSchema>;

export const DocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  streebog256: z.string(),
  createdAt: z.string(),
  /** The owner: who uploaded it. */
  createdByName: z.string(),
  /** The unit it belongs to: the uploader's at the upload; null when they belonged to none. */
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  retainUntil: z.string(),
  signatureCount: z.number(),
});
export type StoredDocument = z.infer<typeof DocumentSchema>;

export const DocumentSignatureSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  signerName: z.string(),
  certificateSerial: z.string(),
  signingTime: z.string(),
  valid: z.boolean(),
  report: SignatureReportSchema,
});
export type DocumentSignature = z.infer<typeof DocumentSignatureSchema>;

export const DocumentDetailsSchema = DocumentSchema.extend({
  signatures: z.array(DocumentSignatureSchema),
});
export type DocumentDetails = z.infer<typeof DocumentDetailsSchema>;

export const DocumentUploadSchema = z.strictObject({
  title: line().min(1).max(300).describe('Название документа'),
  fileName: line().min(1).max(255).describe('Имя файла'),
  mediaType: line()
    .max(200)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'Неверный тип файла' })
    .default('application/octet-stream')
    .describe('Тип файла'),
  content: base64File('Файл', DOCUMENT_MAX_BYTES, 'Файл больше 10 МБ'),
});
export type DocumentUpload = z.input<typeof DocumentUploadSchema>;

export const DocumentSignSchema = z.strictObject({
  pin: line({ trim: false }).min(1).max(64).describe('PIN-код'),
});

export const SignatureParamsSchema = z.object({
  id: IdSchema.describe('Документ'),
  signatureId: IdSchema.describe('Подпись'),
});

/** der: the `.sig` file as is; base64: the same bytes as PEM text (`-----BEGIN CMS-----`), `.sig.b64`. */
export const SignatureContentQuerySchema = z.strictObject({
  format: z.enum(['der', 'base64']).default('der').describe('Формат файла подписи'),
});

export const VerifyRequestSchema = z.strictObject({
  document: base64File('Документ', DOCUMENT_MAX_BYTES, 'Документ больше 10 МБ'),
  signature: base64File('Файл подписи', SIGNATURE_MAX_BYTES, 'Файл подписи больше 256 КБ'),
});
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;

export const VerifyResultSchema = z.object({
  report: SignatureReportSchema,
  document: z.object({ size: z.number(), sha256: z.string(), streebog256: z.string() }),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

export const CertificateStatusSchema = z.enum(['active', 'expired', 'revoked']);

export const SigningCertificateSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  serialNumber: z.string(),
  subject: z.object({
    fullName: z.string(),
    title: z.string().nullable(),
    organization: z.string().nullable(),
    snils: z.string().nullable(),
  }),
  notBefore: z.string(),
  notAfter: z.string(),
  status: CertificateStatusSchema,
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  /** Until when the key is locked after three wrong PINs; null when it is not. */
  lockedUntil: z.string().nullable(),
  /** The owner set their own PIN; until then the key does not sign («Сменить PIN-код» first). */
  ownPinSet: z.boolean(),
});
export type SigningCertificate = z.infer<typeof SigningCertificateSchema>;

export const MyCertificateSchema = z.object({ certificate: SigningCertificateSchema.nullable() });

/** A PIN the operator or the owner sets: its length limits, stated in the form's hint and message. */
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 64;
export const PIN_LENGTH_MESSAGE = `PIN-код — не короче ${PIN_MIN_LENGTH} символов`;

/** Empty is «Обязательное поле»; short names the minimum. */
const pinSchema = () =>
  line({ trim: false })
    .min(1)
    .min(PIN_MIN_LENGTH, { message: `Не короче ${PIN_MIN_LENGTH} символов` })
    .max(PIN_MAX_LENGTH);

export const CertificateIssueSchema = z.strictObject({
  employeeId: IdSchema.describe('Сотрудник'),
  pin: pinSchema().describe('PIN-код'),
});

/** The employee's own PIN change: the operator's PIN from issuance is not known to them afterwards. */
export const PinChangeSchema = z
  .strictObject({
    currentPin: line({ trim: false }).min(1).max(PIN_MAX_LENGTH).describe('Действующий PIN-код'),
    newPin: pinSchema().describe('Новый PIN-код'),
  })
  .refine((v) => v.newPin !== v.currentPin, {
    path: ['newPin'],
    message: 'Должен отличаться от действующего',
  });
export type PinChange = z.input<typeof PinChangeSchema>;
export const PinChangedSchema = z.object({ changed: z.literal(true) });

export const CertificateRevokeSchema = z.strictObject({
  reason: text().min(1).max(500).describe('Причина отзыва'),
});

export const TrustedRootSchema = z.object({
  id: z.string(),
  subject: z.string(),
  fingerprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  installationCa: z.boolean(),
  addedAt: z.string(),
});
export type TrustedRoot = z.infer<typeof TrustedRootSchema>;

export const TrustedRootAddSchema = z.strictObject({
  pem: text({ trim: false }).min(1).max(50_000).describe('Сертификат (PEM)'),
});

export const SystemInfoSchema = z.object({
  cryptoProvider: z.string(),
  enginePath: z.string().nullable(),
  database: z.enum(['pglite', 'postgres']),
  installationCa: z
    .object({
      subject: z.string(),
      fingerprint: z.string(),
      notAfter: z.string(),
    })
    .nullable(),
  crl: z
    .object({
      number: z.number(),
      thisUpdate: z.string(),
      nextUpdate: z.string(),
      revokedCount: z.number(),
    })
    .nullable(),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;
