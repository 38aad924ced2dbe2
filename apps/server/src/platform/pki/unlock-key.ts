import type { CommandScope } from '../commands.js';
import { deserializePrivateKey } from '../crypto/keys.js';
import type { PrivateKeyInput } from '../crypto/provider.js';
import { AppError } from '../errors.js';
import { employeeKeyAad } from './certificates.js';
import type { Installation } from './installation.js';
import { openWithPin } from './key-envelopes.js';

/** Three wrong PINs in a row lock the key for 15 minutes. */
export const PIN_ATTEMPTS = 3;
export const PIN_LOCK_MINUTES = 15;

export type UnlockResult =
  | { ok: true; certificateId: string; certificate: Uint8Array; privateKey: PrivateKeyInput }
  | { ok: false; error: AppError };

/**
 * Opens the employee's private key with the PIN, in the caller's transaction. The certificate row is
 * locked for the attempt, so attempts on one key run one after another and no more than three are
 * ever tried before the lock. A failure is returned, not thrown: the caller commits the counter (and
 * the journal entries) and then reports the error, with nothing signed.
 */
export async function unlockSigningKey(
  { tx, journal }: CommandScope,
  installation: Installation,
  employeeId: string,
  pin: string,
  now = new Date(),
): Promise<UnlockResult> {
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
    ])
    .where('employeeId', '=', employeeId)
    .where('revokedAt', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, error: new AppError('no_signing_certificate') };
  if (row.pinLockedUntil && row.pinLockedUntil > now) {
    return {
      ok: false,
      error: new AppError('pin_locked', `locked until ${row.pinLockedUntil.toISOString()}`),
    };
  }
  if (now > row.notAfter || now < row.notBefore)
    return { ok: false, error: new AppError('certificate_expired') };

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
        { path: 'pin', message: `PIN-код: неверный PIN-код, осталось попыток до блокировки: ${left}` },
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
