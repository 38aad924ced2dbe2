import { useState, type FormEvent } from 'react';
import { blockEmployee } from '../../../api/endpoints';
import type { Employee } from '@uslugi/contracts';
import { FormAlert, TextField } from '../../../components/fields';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { useModalDialog } from '../../../lib/use-modal-dialog';

interface BlockDialogProps {
  employee: Employee;
  onBlocked: (employee: Employee) => void;
  onClose: () => void;
}

/** Asks for the reason of blocking: the journal keeps it. */
export function BlockDialog({ employee, onBlocked, onClose }: BlockDialogProps) {
  const dialogRef = useModalDialog();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      onBlocked(await blockEmployee(employee.id, reason.trim()));
    } catch (error) {
      setErrors(toFormErrors(error, ['reason']));
    } finally {
      setSaving(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="block-title" onClose={onClose}>
      <form
        className="form"
        data-testid="block-form"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
      >
        <h2 id="block-title">Блокировка сотрудника</h2>
        <p>
          Сотрудник <strong>{employee.fullName}</strong> не сможет войти в систему до разблокировки.
        </p>
        <FormAlert message={errors.general} />
        <TextField
          id="reason"
          label="Причина блокировки"
          required
          multiline
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-danger" disabled={saving}>
            Заблокировать
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={saving}>
            Отмена
          </button>
        </div>
      </form>
    </dialog>
  );
}
