import { Certificate } from 'pkijs';
import type { CommandScope } from '../../platform/commands.js';
import { deserializePrivateKey } from '../../platform/crypto/keys.js';
import { readName } from '../../platform/crypto/names.js';
import type { PrivateKeyInput } from '../../platform/crypto/provider.js';
import { AppError } from '../../platform/errors.js';
import { employeeKeyAad } from './certificates.js';
import type { Installation } from '../../platform/pki/installation.js';
import { openWithPin } from '../../platform/pki/key-envelopes.js';

/** Three wrong PINs in a row lock the key for 15 minutes. */
export const PIN_ATTEMPTS = 3;
export const PIN_LOCK_MINUTES = 15;

export type UnlockResult =
  | { ok: true; certificateId: string; certificate: Uint8Array; privateKey: PrivateKeyInput }
  | { ok: false; error: AppError };

/**
 * Who asks for the key: the signed-in employee and the СНИЛС ESIA reported when their session began
 * (null: a session older than that record). `purpose` is `sign` unless the owner is setting their PIN.
 */
export interface KeyHolder {
  employeeId: string;
  esiaSnils: string | null;
  purpose?: 'sign' | 'change_pin';
}

/** The СНИЛС a certificate names (OID 1.2.643.100.3), if any. */
function subjectSnils(certificate: Buffer): string | undefined {
  return readName(Certificate.fromBER(new Uint8Array(certificate)).subject).snils;
}

/**
 * Opens the employee's private key with the PIN, in the caller's transaction. The certificate row is
 * locked for the attempt, so attempts on one key run one after another and no more than three are
 * ever tried before the lock. A failure is returned, not thrown: the caller commits the counter (and
 * the journal entries) and then reports the error, with nothing signed.
 */
export async function unlockSigningKey(
  { tx, journal }: CommandScope,
  installation: Installation,
  holder: KeyHolder,
  pin: string,
  now = new Date(),
): Promise<UnlockResult> {
  const { employeeId } = holder;
  const row = await tx
    .selectFrom('signingCertificates')
    .select([
      'id',
      'serialNumber',
      'certificate',
      'notBefore',
      'notAfter',
      'keyEnvelope',
      'pinFailures',
      'pinLockedUntil',
      'pinSetByOwner',
    ])
    .where('employeeId', '=', employeeId)
    .where('revokedAt', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, error: new AppError('no_signing_certificate') };
  // The certificate names a person by СНИЛС (63-ФЗ ст. 17 ч. 2; FSB order No. 795 item 4): only the
  // person ESIA signed in under that СНИЛС opens the key, whatever the employee record says now.
  // Edits to the record cannot make one person sign with another's key.
  const named = subjectSnils(Buffer.from(row.certificate));
  if (!holder.esiaSnils || named !== holder.esiaSnils) {
    await journal({
      action: 'signing_certificate.holder_mismatch',
      objectType: 'signing_certificate',
      objectId: row.id,
      payload: {
        employeeId,
        serialNumber: row.serialNumber,
        purpose: holder.purpose ?? 'sign',
        reason: holder.esiaSnils ? 'snils_differs' : 'session_without_snils',
      },
    });
    return {
      ok: false,
      error: new AppError(holder.esiaSnils ? 'certificate_not_yours' : 'sign_in_again', 'СНИЛС differs'),
    };
  }
  if (row.pinLockedUntil && row.pinLockedUntil > now) {
    return {
      ok: false,
      error: new AppError('pin_locked', `locked until ${row.pinLockedUntil.toISOString()}`),
    };
  }
  if (now > row.notAfter || now < row.notBefore)
    return { ok: false, error: new AppError('certificate_expired') };
  // The PIN the operator chose at issuance only lets the owner set their own (63-ФЗ ст. 10 п. 1: the
  // owner keeps the key confidential): the key signs once they have. Nothing is tried or counted.
  if (!row.pinSetByOwner && (holder.purpose ?? 'sign') === 'sign')
    return { ok: false, error: new AppError('pin_not_set', 'owner has not set a PIN') };

  const key = await openWithPin(
    installation.masterKey,
    pin,
    row.keyEnvelope,
    employeeKeyAad(row.serialNumber),
  );
  if (!key) {
    const failures = row.pinFailures + 1;
    const lock = failures >= PIN_ATTEMPTS;
    const lockedUntil = lock ? new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000) : null;
    await tx
      .updateTable('signingCertificates')
      .set({ pinFailures: lock ? 0 : failures, pinLockedUntil: lockedUntil })
      .where('id', '=', row.id)
      .where('pinFailures', '=', row.pinFailures)
      .execute();
    await journal({
      action: lock ? 'signing_certificate.locked' : 'signing_certificate.pin_rejected',
      objectType: 'signing_certificate',
      objectId: row.id,
      payload: { employeeId, failures, ...(lockedUntil && { lockedUntil }) },
    });
    if (lock) return { ok: false, error: new AppError('pin_locked', 'third wrong PIN') };
    const left = PIN_ATTEMPTS - failures;
    return {
      ok: false,
      error: new AppError('pin_invalid', 'wrong PIN', [
        { path: 'pin', message: `PIN-код: неверный, осталось попыток до блокировки: ${left}` },
      ]),
    };
  }
  if (row.pinFailures > 0 || row.pinLockedUntil) {
    await tx
      .updateTable('signingCertificates')
      .set({ pinFailures: 0, pinLockedUntil: null })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    ok: true,
    certificateId: row.id,
    certificate: new Uint8Array(row.certificate),
    privateKey: deserializePrivateKey(key),
  };
}
