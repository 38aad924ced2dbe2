import type { DocumentSignature } from '@uslugi/contracts';
import { runCommand, runQuery, type CommandContext, type CommandScope } from '../../platform/commands.js';
import { signCms } from '../../platform/crypto/cms.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { Pki } from '../../platform/pki/installation.js';
import { unlockSigningKey, verificationContext, verifySignature } from '../signing/index.js';
import { documentViewer } from './access.js';
import { documentStorageKey, selectSignatures } from './queries.js';

export interface SignDeps {
  pki: Pki;
  files: FileStore;
}

/**
 * Signs a stored document with the employee's own key (000 item 1.8: documents are signed with a
 * qualified signature): a detached CAdES-BES over the document's bytes, kept beside it with the
 * verification report, journaled in the same transaction. A wrong PIN commits only the attempt
 * counter and its journal entry; nothing is signed.
 *
 * The signature is verified before it is stored, and only a valid one is stored: stored signatures
 * are immutable and kept for years (004 item 6), so one the system itself cannot confirm (its CA
 * gone from the trust store, no current CRL) would stand forever as the employee's invalid signature.
 * Such an attempt is journaled as `document.sign_failed` and committed; the signer gets
 * `signature_not_verified` with the reasons in the verification report's Russian words.
 */
export async function signDocument(
  ctx: CommandContext,
  deps: SignDeps,
  documentId: string,
  pin: string,
): Promise<DocumentSignature> {
  const employeeId = ctx.actor.id;
  if (!employeeId) throw new AppError('forbidden', 'only an employee signs');
  // Only a document the signer may see can be signed; any other is not found, before the PIN is tried.
  const viewer = documentViewer(ctx);
  const { storageKey } = await runQuery(ctx, (tx) => documentStorageKey(tx, viewer, documentId));
  const content = await deps.files.get(storageKey);
  const installation = await deps.pki.ready();
  const context = await verificationContext(deps.pki);

  const outcome = await runCommand(ctx, (scope) =>
    signDocumentIn(scope, ctx, deps, { documentId, content, pin, installation, context }),
  );
  if (!outcome.ok) throw outcome.error;
  return outcome.signature;
}

export type SignOutcome = { ok: true; signature: DocumentSignature } | { ok: false; error: AppError };

/**
 * Signs a stored document in the caller's command (an approval signs the decision and moves the case
 * in one transaction). A wrong PIN or a signature that fails its self-check comes back as
 * `{ ok: false }` with the attempt counted and journaled: the caller commits that and changes nothing
 * else, then throws the error.
 */
export async function signDocumentIn(
  scope: CommandScope,
  ctx: CommandContext,
  deps: SignDeps,
  input: {
    documentId: string;
    content: Uint8Array;
    pin: string;
    installation?: Awaited<ReturnType<Pki['ready']>>;
    context?: Awaited<ReturnType<typeof verificationContext>>;
    /**
     * The calling module has decided the signer may sign this document by its own rule, which
     * `documentAccess` does not know: an approver signs a case's decision drafted by its executor
     * (000 item 3.5). The stored signature is then read back without the viewer's document filter.
     */
    vouched?: boolean;
  },
): Promise<SignOutcome> {
  const employeeId = ctx.actor.id;
  if (!employeeId) throw new AppError('forbidden', 'only an employee signs');
  const { documentId, content, pin } = input;
  const viewer = input.vouched ? null : documentViewer(ctx);
  const installation = input.installation ?? (await deps.pki.ready());
  const context = input.context ?? (await verificationContext(deps.pki));
  const key = await unlockSigningKey(
    scope,
    installation,
    { employeeId, esiaSnils: ctx.esiaSnils ?? null },
    pin,
  );
  if (!key.ok) return key;
  // The signing-time attribute is UTCTime, to the second: the stored time is the same instant.
  const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);
  const { der } = await signCms({
    provider: deps.pki.provider,
    content,
    signerCertificate: key.certificate,
    privateKey: key.privateKey,
    signingTime,
  });
  // The system's record of when it stored the signature: the trusted time its certificate is judged
  // at, now and on every later check (the signing-time attribute is only the signer's claim).
  const storedAt = new Date();
  const report = await verifySignature(deps.pki, context, der, content, { storedAt });
  if (!report.valid) {
    const problems = [...report.failures, ...report.indeterminate];
    await scope.journal({
      action: 'document.sign_failed',
      objectType: 'document',
      objectId: documentId,
      payload: {
        certificateSerial: report.signer?.serialNumber ?? null,
        attemptedAt: storedAt.toISOString(),
        status: report.status,
        reason: report.reason,
        reasons: problems.map((p) => p.reason),
      },
    });
    const fields = problems.length
      ? problems.map((p) => ({ path: 'signature', message: p.message }))
      : [{ path: 'signature', message: report.summary }];
    return {
      ok: false as const,
      error: new AppError(
        'signature_not_verified',
        `self-check ${report.status}: ${report.reason ?? ''}`,
        fields,
      ),
    };
  }
  const { id } = await scope.tx
    .insertInto('documentSignatures')
    .values({
      municipalityId: ctx.municipalityId,
      documentId,
      certificateId: key.certificateId,
      signerId: employeeId,
      signature: Buffer.from(der),
      signingTime,
      valid: report.valid,
      report: JSON.stringify(report),
      createdAt: storedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await scope.journal({
    action: 'document.signed',
    objectType: 'document',
    objectId: documentId,
    payload: {
      signatureId: id,
      certificateSerial: report.signer?.serialNumber ?? null,
      signingTime: report.signingTime,
      storedAt: storedAt.toISOString(),
      status: report.status,
      valid: report.valid,
      reason: report.reason,
    },
  });
  const [signature] = await selectSignatures(scope.tx, viewer, documentId, id);
  if (!signature) throw new AppError('internal', 'signature just stored is not found');
  return { ok: true as const, signature };
}
