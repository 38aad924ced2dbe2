import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/client';
import { signDocument } from '../../../api/endpoints';
import type { DocumentSignature, SigningCertificate, StoredDocument } from '@uslugi/contracts';
import { FormAlert } from '../../../components/fields';
import { formatDateTime } from '../../../lib/format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { useModalDialog } from '../../../lib/use-modal-dialog';

interface SignDialogProps {
  document: StoredDocument;
  certificate: SigningCertificate;
  onSigned: (signature: DocumentSignature) => void;
  onClose: () => void;
  /** Opens «Сменить PIN-код»: a key the operator issued signs only after the owner set their own PIN. */
  onChangePin: () => void;
}

/** «Подписать»: the employee confirms with the PIN of their key; a wrong PIN signs nothing. */
export function SignDialog({ document, certificate, onSigned, onClose, onChangePin }: SignDialogProps) {
  const dialogRef = useModalDialog();
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [pinNotSet, setPinNotSet] = useState(!certificate.ownPinSet);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pin) {
      setErrors({ general: null, fields: { pin: 'PIN-код: введите PIN-код ключа' } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onSigned(await signDocument(document.id, pin));
    } catch (error) {
      setPin('');
      setErrors(toFormErrors(error, ['pin']));
      if (error instanceof ApiError && error.code === 'pin_not_set') setPinNotSet(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="sign-title" onClose={onClose}>
      <form
        className="form"
        noValidate
        data-testid="sign-form"
        onSubmit={(event) => void handleSubmit(event)}
      >
        <h2 id="sign-title">Подписать документ</h2>
        <p>
          Документ <strong>{document.title}</strong> будет подписан усиленной электронной подписью (ГОСТ Р
          34.10-2012).
        </p>
        <dl className="facts">
          <dt>Сертификат</dt>
          <dd>
            {certificate.subject.fullName}
            {certificate.subject.title ? `, ${certificate.subject.title}` : ''}
          </dd>
          <dt>Действует до</dt>
          <dd>{formatDateTime(certificate.notAfter)}</dd>
        </dl>
        <FormAlert message={errors.general} />
        {pinNotSet && (
          <div className="notice notice-warn" data-testid="pin-not-set">
            Ключ подписывает только после того, как вы зададите собственный PIN-код вместо полученного от
            оператора.{' '}
            <button type="button" className="btn-link" onClick={onChangePin}>
              Сменить PIN-код
            </button>
          </div>
        )}
        <div className={errors.fields.pin ? 'field field-invalid' : 'field'}>
          <div className="field-label">
            <label htmlFor="sign-pin">PIN-код ключа</label>
          </div>
          <input
            id="sign-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            aria-invalid={errors.fields.pin ? true : undefined}
            aria-describedby={errors.fields.pin ? 'sign-pin-error' : 'sign-pin-hint'}
            onChange={(event) => setPin(event.target.value)}
          />
          {errors.fields.pin ? (
            <div className="field-error" id="sign-pin-error">
              {errors.fields.pin}
            </div>
          ) : (
            <div className="field-hint" id="sign-pin-hint">
              После трёх неверных PIN-кодов подряд ключ блокируется на 15 минут
            </div>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Подписание…' : 'Подписать'}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Отмена
          </button>
        </div>
      </form>
    </dialog>
  );
}
