import { useState, type FormEvent } from 'react';
import { revokeCertificate } from '../../../api/endpoints';
import type { SigningCertificate } from '@uslugi/contracts';
import { FormAlert, TextField } from '../../../components/fields';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { useModalDialog } from '../../../lib/use-modal-dialog';

interface RevokeDialogProps {
  certificate: SigningCertificate;
  onRevoked: () => void;
  onClose: () => void;
}

/** Asks for the reason of revocation: the journal keeps it; the CRL lists the certificate from now on. */
export function RevokeDialog({ certificate, onRevoked, onClose }: RevokeDialogProps) {
  const dialogRef = useModalDialog();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      await revokeCertificate(certificate.id, reason.trim());
      onRevoked();
    } catch (error) {
      setErrors(toFormErrors(error, ['reason']));
    } finally {
      setSaving(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="revoke-title" onClose={onClose}>
      <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <h2 id="revoke-title">Отзыв сертификата</h2>
        <p>
          Сертификат сотрудника <strong>{certificate.employeeName}</strong> № {certificate.serialNumber} будет
          отозван. Подписи, сделанные до отзыва, остаются действительными; подписывать им больше нельзя.
        </p>
        <FormAlert message={errors.general} />
        <TextField
          id="revoke-reason"
          label="Причина отзыва"
          required
          multiline
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-danger" disabled={saving}>
            Отозвать
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={saving}>
            Отмена
          </button>
        </div>
      </form>
    </dialog>
  );
}
