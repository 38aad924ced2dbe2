import { runCommand, type CommandContext } from '../../platform/commands.js';
import { serializePrivateKey } from '../../platform/crypto/keys.js';
import { AppError, type ErrorCode } from '../../platform/errors.js';
import { employeeKeyAad } from './certificates.js';
import type { Pki } from '../../platform/pki/installation.js';
import { sealWithPin } from '../../platform/pki/key-envelopes.js';
import { unlockSigningKey } from './unlock-key.js';

/**
 * The employee sets their own PIN: the key is opened with the current one (a wrong PIN counts towards
 * the lock, as at signing) and sealed again under the new one, so the PIN the operator chose at
 * issuance no longer opens it (63-ФЗ art. 10: the owner keeps the key confidential). Until the owner
 * has done so the key does not sign: the issuance PIN is accepted here as the current one, and only
 * here. Journaled; the PINs themselves are never stored or logged.
 */
export async function changeSigningPin(
  ctx: CommandContext,
  pki: Pki,
  input: { currentPin: string; newPin: string },
): Promise<{ changed: true }> {
  const employeeId = ctx.actor.id;
  if (!employeeId) throw new AppError('forbidden', 'only an employee has a signing key');
  const installation = await pki.ready();
  const outcome = await runCommand(ctx, async (scope) => {
    const key = await unlockSigningKey(
      scope,
      installation,
      { employeeId, esiaSnils: ctx.esiaSnils ?? null, purpose: 'change_pin' },
      input.currentPin,
    );
    if (!key.ok) return key;
    const { serialNumber } = await scope.tx
      .selectFrom('signingCertificates')
      .select('serialNumber')
      .where('id', '=', key.certificateId)
      .executeTakeFirstOrThrow();
    const envelope = await sealWithPin(
      installation.masterKey,
      input.newPin,
      serializePrivateKey(key.privateKey),
      employeeKeyAad(serialNumber),
    );
    const changed = await scope.tx
      .updateTable('signingCertificates')
      .set({ keyEnvelope: JSON.stringify(envelope), pinSetByOwner: true })
      .where('id', '=', key.certificateId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1)
      throw new AppError('wrong_state', 'certificate revoked meanwhile');
    await scope.journal({
      action: 'signing_certificate.pin_changed',
      objectType: 'signing_certificate',
      objectId: key.certificateId,
      payload: { employeeId, serialNumber },
    });
    return { ok: true as const };
  });
  if (!outcome.ok) throw asCurrentPinError(outcome.error);
  return { changed: true };
}

/** Refusals of the unlock that speak of signing, said of the PIN change instead. */
const PIN_CHANGE_CODES: Partial<Record<ErrorCode, ErrorCode>> = {
  pin_invalid: 'pin_change_invalid',
  certificate_not_yours: 'pin_change_certificate_not_yours',
};

/**
 * The unlock's refusals speak of a document not signed and name the field `pin`: here nothing is
 * signed (the PIN is not changed) and the field is the current PIN.
 */
function asCurrentPinError(error: AppError): AppError {
  const code = PIN_CHANGE_CODES[error.code] ?? error.code;
  if (!error.fields && code === error.code) return error;
  return new AppError(
    code,
    error.message,
    error.fields?.map((f) =>
      f.path === 'pin'
        ? { path: 'currentPin', message: f.message.replace(/^PIN-код:/, 'Действующий PIN-код:') }
        : f,
    ),
  );
}
