import { Certificate } from 'pkijs';
import type { Tx } from '../../db/database.js';
import { moscowDate } from '../../platform/clock.js';
import { readName } from '../../platform/crypto/names.js';

/**
 * What the visible signature stamp shows of the certificate an employee signs with now (the one
 * `unlockSigningKey` opens: not revoked): its serial, its owner as the subject names them, its
 * validity. Read without the PIN: the certificate is public. Undefined when the employee has none.
 */
export async function signerCertificateStamp(
  tx: Tx,
  employeeId: string,
): Promise<{ serial: string; owner: string; validFrom: string; validTo: string } | undefined> {
  const row = await tx
    .selectFrom('signingCertificates')
    .select(['serialNumber', 'certificate', 'notBefore', 'notAfter'])
    .where('employeeId', '=', employeeId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const owner = readName(Certificate.fromBER(new Uint8Array(row.certificate)).subject).commonName;
  return {
    serial: row.serialNumber,
    owner,
    validFrom: moscowDate(row.notBefore),
    validTo: moscowDate(row.notAfter),
  };
}
