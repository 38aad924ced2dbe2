import type { SignatureReport } from '@uslugi/contracts';
import { verifyCms } from '../../platform/crypto/cms.js';
import { currentCrl } from './crl.js';
import type { Pki } from '../../platform/pki/installation.js';
import { toSignatureReport } from './report.js';

/**
 * What a signature is checked against: the trust store's roots and the installation CA's current CRL.
 * Read before a tenant transaction opens (the embedded database has one connection).
 */
export interface VerificationContext {
  trustedRoots: Uint8Array[];
  crls: Uint8Array[];
}

export async function verificationContext(pki: Pki): Promise<VerificationContext> {
  const roots = await pki.database.system
    .selectFrom('pkiTrustedRoots')
    .select('certificate')
    .where('removedAt', 'is', null)
    .execute();
  const crl = await currentCrl(pki);
  return { trustedRoots: roots.map((r) => new Uint8Array(r.certificate)), crls: [crl.der] };
}

/**
 * Verifies a signature. `storedAt`, when the system stored it, is the trusted time its certificate is
 * judged at (63-ФЗ art. 11: a signature made before a revocation stays valid); without it, now.
 */
export async function verifySignature(
  pki: Pki,
  context: VerificationContext,
  signature: Uint8Array,
  content: Uint8Array,
  options: { storedAt?: Date | undefined } = {},
): Promise<SignatureReport> {
  const report = await verifyCms(signature, content, {
    provider: pki.provider,
    trustedRoots: context.trustedRoots,
    crls: context.crls,
    ...(options.storedAt && { storedAt: options.storedAt }),
  });
  return toSignatureReport(report);
}

/**
 * A signature file as people have it: DER (`.sig`, `.p7s`), PEM, or base64 text. Returns the DER bytes,
 * or the input unchanged when it is none of these (the verifier then reports it as malformed).
 */
export function signatureDer(file: Uint8Array): Uint8Array {
  if (file[0] === 0x30) return file;
  const text = Buffer.from(file).toString('latin1');
  const pem = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(text);
  const body = pem?.[1] ?? text;
  if (/^[A-Za-z0-9+/=\s]+$/.test(body))
    return new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  return file;
}
