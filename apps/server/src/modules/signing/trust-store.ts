import { BasicConstraints, Certificate } from 'pkijs';
import type { TrustedRoot } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { pemToDer } from '../../platform/crypto/keys.js';
import { readName } from '../../platform/crypto/names.js';
import { OID } from '../../platform/crypto/oids.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { fingerprint } from '../../platform/pki/installation.js';

/**
 * The installation's trust store: the certificates of the certification authorities whose
 * certificates the system accepts (the test CA by default; for qualified signatures, the Ministry's
 * head CA and the accredited CAs, 63-ФЗ ст. 14 and 16). One list for the whole installation, because
 * the public verification page knows no municipality. So only an installation administrator changes
 * it (the routes require `installation.manage`), each change is journaled in every municipality's
 * journal in the same transaction, and the installation's own CA — the issuer of every employee's
 * certificate — is never removed (also refused by the database to module code, migration 0008).
 */

async function selectRoots(tx: Tx, id?: string): Promise<TrustedRoot[]> {
  let query = tx
    .selectFrom('pkiTrustedRoots')
    .select(['id', 'subject', 'fingerprint', 'notBefore', 'notAfter', 'installationCa', 'addedAt'])
    .where('removedAt', 'is', null)
    .orderBy('addedAt');
  if (id) query = query.where('id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    notBefore: r.notBefore.toISOString(),
    notAfter: r.notAfter.toISOString(),
    addedAt: r.addedAt.toISOString(),
  }));
}

export function listTrustedRoots(ctx: CommandContext): Promise<TrustedRoot[]> {
  return runQuery(ctx, (tx) => selectRoots(tx));
}

function parseRoot(pem: string): { der: Uint8Array; certificate: Certificate } {
  let der: Uint8Array;
  let certificate: Certificate;
  try {
    der = pemToDer(pem, 'CERTIFICATE').der;
    certificate = Certificate.fromBER(new Uint8Array(der));
  } catch {
    throw fieldError('pem', 'Сертификат (PEM): файл не является сертификатом X.509 в формате PEM');
  }
  const constraints: unknown = certificate.extensions?.find(
    (e) => e.extnID === OID.basicConstraints,
  )?.parsedValue;
  if (!(constraints instanceof BasicConstraints) || !constraints.cA) {
    throw fieldError('pem', 'Сертификат (PEM): это не сертификат удостоверяющего центра');
  }
  return { der, certificate };
}

export function addTrustedRoot(ctx: CommandContext, pem: string): Promise<TrustedRoot> {
  const { der, certificate } = parseRoot(pem);
  const subject = readName(certificate.subject);
  const row = {
    certificate: Buffer.from(der),
    fingerprint: fingerprint(der),
    subject: subject.commonName || subject.organization || 'без названия',
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
  };
  return runCommand(ctx, async ({ tx, journalInstallationWide }) => {
    const duplicate = await tx
      .selectFrom('pkiTrustedRoots')
      .select('id')
      .where('fingerprint', '=', row.fingerprint)
      .where('removedAt', 'is', null)
      .executeTakeFirst();
    if (duplicate) throw new AppError('duplicate', 'root already trusted');
    const { id } = await tx
      .insertInto('pkiTrustedRoots')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    await journalInstallationWide({
      action: 'trusted_root.added',
      objectType: 'trusted_root',
      objectId: id,
      payload: { subject: row.subject, fingerprint: row.fingerprint, notAfter: row.notAfter },
    });
    const [added] = await selectRoots(tx, id);
    if (!added) throw notFound(`trusted root ${id}`);
    return added;
  });
}

export function removeTrustedRoot(ctx: CommandContext, id: string): Promise<void> {
  return runCommand(ctx, async ({ tx, journalInstallationWide }) => {
    const current = await tx
      .selectFrom('pkiTrustedRoots')
      .select('installationCa')
      .where('id', '=', id)
      .where('removedAt', 'is', null)
      .executeTakeFirst();
    if (!current) throw notFound(`trusted root ${id}`);
    // Without it no employee's signature verifies and signing stops in every municipality.
    if (current.installationCa) throw new AppError('installation_ca_protected');
    const row = await tx
      .updateTable('pkiTrustedRoots')
      .set({ removedAt: new Date() })
      .where('id', '=', id)
      .where('removedAt', 'is', null)
      .where('installationCa', '=', false)
      .returning(['subject', 'fingerprint'])
      .executeTakeFirst();
    if (!row) throw notFound(`trusted root ${id}`);
    await journalInstallationWide({
      action: 'trusted_root.removed',
      objectType: 'trusted_root',
      objectId: id,
      payload: row,
    });
  });
}
