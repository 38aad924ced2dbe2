import { useState, type FormEvent } from 'react';
import { changeMyPin } from '../../../api/endpoints';
import { FormAlert, TextField } from '../../../components/fields';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { useModalDialog } from '../../../lib/use-modal-dialog';

interface ChangePinDialogProps {
  onChanged: () => void;
  onClose: () => void;
}

const FIELDS = ['currentPin', 'newPin', 'repeatPin'] as const;

/**
 * «Сменить PIN-код»: the employee replaces the PIN the operator set at issuance with their own, so
 * that nobody else can open the key. A wrong current PIN counts towards the lock, as at signing.
 */
export function ChangePinDialog({ onChanged, onClose }: ChangePinDialogProps) {
  const dialogRef = useModalDialog();
  const [values, setValues] = useState({ currentPin: '', newPin: '', repeatPin: '' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const set = (field: (typeof FIELDS)[number]) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (values.newPin !== values.repeatPin) {
      setErrors({
        general: null,
        fields: { repeatPin: 'Повторите новый PIN-код: не совпадает с новым PIN-кодом' },
      });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await changeMyPin(values.currentPin, values.newPin);
      onChanged();
    } catch (error) {
      setValues((current) => ({ ...current, currentPin: '' }));
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="pin-title" onClose={onClose}>
      <form className="form" noValidate data-testid="pin-form" onSubmit={(event) => void handleSubmit(event)}>
        <h2 id="pin-title">Сменить PIN-код</h2>
        <p>PIN-код защищает ваш ключ электронной подписи. Никому его не сообщайте.</p>
        <FormAlert message={errors.general} />
        <TextField
          id="currentPin"
          label="Действующий PIN-код"
          type="password"
          value={values.currentPin}
          onChange={set('currentPin')}
          error={errors.fields.currentPin}
          required
        />
        <TextField
          id="newPin"
          label="Новый PIN-код"
          type="password"
          value={values.newPin}
          onChange={set('newPin')}
          error={errors.fields.newPin}
          hint="Не короче 6 символов"
          required
        />
        <TextField
          id="repeatPin"
          label="Повторите новый PIN-код"
          type="password"
          value={values.repeatPin}
          onChange={set('repeatPin')}
          error={errors.fields.repeatPin}
          required
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Сохранение…' : 'Сменить PIN-код'}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Отмена
          </button>
        </div>
      </form>
    </dialog>
  );
}
