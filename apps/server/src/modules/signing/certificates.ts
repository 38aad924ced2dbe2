import { Certificate } from 'pkijs';
import { formatSnils, type SigningCertificate } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { serializePrivateKey } from '../../platform/crypto/keys.js';
import { readName, fullName, type SubjectFields } from '../../platform/crypto/names.js';
import { issueCertificate } from '../../platform/crypto/pki.js';
import { AppError, notFound } from '../../platform/errors.js';
import { municipalityCard } from '../municipalities/index.js';
import { employeeCard, employeeNames } from '../org/index.js';
import { publishCrl } from './crl.js';
import type { Pki } from '../../platform/pki/installation.js';
import { sealWithPin } from '../../platform/pki/key-envelopes.js';

/** Employees' signing certificates: issue (with the PIN that protects the key), list, revoke. */

/** Binds an employee key's envelope to its certificate. */
export function employeeKeyAad(serialNumber: string): string {
  return `uslugi.signing-key.v1|${serialNumber}`;
}

/**
 * The subject of an official's qualified certificate (63-ФЗ art. 17.2, FSB order No. 795 item 4):
 * ФИО, должность, организация with its ОГРН and ИНН, СНИЛС. The organisation is the municipality's
 * executive body.
 */
async function employeeSubject(tx: Tx, employeeId: string): Promise<SubjectFields> {
  const employee = await employeeCard(tx, employeeId);
  const municipality = employee && (await municipalityCard(tx, employee.municipalityId));
  if (!employee || !municipality) throw notFound(`employee ${employeeId}`);
  const given = [employee.firstName, employee.middleName].filter(Boolean).join(' ');
  return {
    commonName: `${employee.lastName} ${given}`,
    surname: employee.lastName,
    givenName: given,
    title: employee.positionName ?? undefined,
    organization: municipality.name,
    organizationalUnit: employee.orgUnitName ?? undefined,
    stateOrProvince: municipality.regionName,
    country: 'RU',
    snils: employee.snils,
    innLegalEntity: municipality.inn ?? undefined,
    ogrn: municipality.ogrn ?? undefined,
  };
}

export interface IssueCertificateInput {
  employeeId: string;
  pin: string;
  /**
   * The PIN is the owner's own. Only the system's demo issuance says so (demo/certificates.ts); an
   * operator's PIN lets the owner set their own and nothing else.
   */
  pinSetByOwner?: boolean;
  notBefore?: Date;
  notAfter?: Date;
}

export async function issueEmployeeCertificate(
  ctx: CommandContext,
  pki: Pki,
  input: IssueCertificateInput,
): Promise<SigningCertificate> {
  const installation = await pki.ready();
  const subject = await runQuery(ctx, async (tx) => {
    const found = await employeeSubject(tx, input.employeeId);
    if (await activeCertificateId(tx, input.employeeId)) throw new AppError('certificate_exists');
    return found;
  });
  // Keys and the certificate are made before the transaction: it only records them.
  const keys = await pki.provider.generateKeyPair();
  const issued = await issueCertificate({
    provider: pki.provider,
    ca: installation.ca,
    subject,
    publicKeySpki: keys.publicKeySpki,
    ...(input.notBefore && { notBefore: input.notBefore }),
    ...(input.notAfter && { notAfter: input.notAfter }),
  });
  const envelope = await sealWithPin(
    installation.masterKey,
    input.pin,
    serializePrivateKey(keys.privateKey),
    employeeKeyAad(issued.serialNumber),
  );
  const parsed = Certificate.fromBER(new Uint8Array(issued.certificate));
  return runCommand(ctx, async ({ tx, journal }) => {
    const { id } = await tx
      .insertInto('signingCertificates')
      .values({
        municipalityId: ctx.municipalityId,
        employeeId: input.employeeId,
        serialNumber: issued.serialNumber,
        certificate: Buffer.from(issued.certificate),
        notBefore: parsed.notBefore.value,
        notAfter: parsed.notAfter.value,
        keyEnvelope: JSON.stringify(envelope),
        pinSetByOwner: input.pinSetByOwner ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await journal({
      action: 'signing_certificate.issued',
      objectType: 'signing_certificate',
      objectId: id,
      payload: {
        employeeId: input.employeeId,
        serialNumber: issued.serialNumber,
        subject: subject.commonName,
        notBefore: parsed.notBefore.value,
        notAfter: parsed.notAfter.value,
        pinSetByOwner: input.pinSetByOwner ?? false,
      },
    });
    return getCertificate(tx, id);
  });
}

async function activeCertificateId(tx: Tx, employeeId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('signingCertificates')
    .select('id')
    .where('employeeId', '=', employeeId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return row?.id;
}

async function selectCertificates(
  tx: Tx,
  filter: { id?: string; employeeId?: string; activeOnly?: boolean },
): Promise<SigningCertificate[]> {
  let query = tx
    .selectFrom('signingCertificates as c')
    .select([
      'c.id',
      'c.employeeId',
      'c.serialNumber',
      'c.certificate',
      'c.notBefore',
      'c.notAfter',
      'c.revokedAt',
      'c.revocationReason',
      'c.pinLockedUntil',
      'c.pinSetByOwner',
    ])
    .orderBy('c.createdAt', 'desc');
  if (filter.id) query = query.where('c.id', '=', filter.id);
  if (filter.employeeId) query = query.where('c.employeeId', '=', filter.employeeId);
  if (filter.activeOnly) query = query.where('c.revokedAt', 'is', null);
  const rows = await query.limit(1000).execute();
  const names = await employeeNames(
    tx,
    rows.map((r) => r.employeeId),
  );
  const now = new Date();
  return rows.map((r) => {
    const subject = readName(Certificate.fromBER(new Uint8Array(r.certificate)).subject);
    return {
      id: r.id,
      employeeId: r.employeeId,
      employeeName: names.get(r.employeeId) ?? '',
      serialNumber: r.serialNumber,
      subject: {
        fullName: fullName(subject),
        title: subject.title ?? null,
        organization: subject.organization ?? null,
        snils: subject.snils ? formatSnils(subject.snils) : null,
      },
      notBefore: r.notBefore.toISOString(),
      notAfter: r.notAfter.toISOString(),
      status: r.revokedAt ? 'revoked' : r.notAfter < now ? 'expired' : 'active',
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revocationReason: r.revocationReason,
      lockedUntil: r.pinLockedUntil && r.pinLockedUntil > now ? r.pinLockedUntil.toISOString() : null,
      ownPinSet: r.pinSetByOwner,
    };
  });
}

async function getCertificate(tx: Tx, id: string): Promise<SigningCertificate> {
  const [certificate] = await selectCertificates(tx, { id });
  if (!certificate) throw notFound(`signing certificate ${id}`);
  return certificate;
}

export function listCertificates(ctx: CommandContext): Promise<SigningCertificate[]> {
  return runQuery(ctx, (tx) => selectCertificates(tx, {}));
}

/** The signed-in employee's certificate in force, if any. */
export async function myCertificate(ctx: CommandContext): Promise<SigningCertificate | null> {
  if (!ctx.actor.id) return null;
  const employeeId = ctx.actor.id;
  const [certificate] = await runQuery(ctx, (tx) => selectCertificates(tx, { employeeId, activeOnly: true }));
  return certificate ?? null;
}

/**
 * Revokes a certificate: the tenant's row and the CA's list of revoked serials change in one
 * transaction with the journal entry; the new CRL is published right after the commit.
 */
export async function revokeCertificate(
  ctx: CommandContext,
  pki: Pki,
  id: string,
  reason: string,
): Promise<SigningCertificate> {
  const revokedAt = new Date();
  await runCommand(ctx, async ({ tx, journal }) => {
    const row = await tx
      .updateTable('signingCertificates')
      .set({ revokedAt, revocationReason: reason })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .returning(['serialNumber', 'employeeId'])
      .executeTakeFirst();
    if (!row) {
      await getCertificate(tx, id); // 404 when absent
      throw new AppError('wrong_state', 'already revoked');
    }
    await tx.insertInto('pkiRevocations').values({ serialNumber: row.serialNumber, revokedAt }).execute();
    await journal({
      action: 'signing_certificate.revoked',
      objectType: 'signing_certificate',
      objectId: id,
      payload: { employeeId: row.employeeId, serialNumber: row.serialNumber, reason },
    });
  });
  await publishCrl(pki);
  return runQuery(ctx, (tx) => getCertificate(tx, id));
}
