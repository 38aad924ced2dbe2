import { PIN_LENGTH_MESSAGE, PIN_MAX_LENGTH, PinChangeSchema } from '@uslugi/contracts';
import { useChangeMyPin } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { Form, FormFooter } from '../../../components/form/Form';
import { TextField } from '../../../components/form/Field';
import { useApiForm } from '../../../lib/use-api-form';

interface ChangePinDialogProps {
  onChanged: () => void;
  onClose: () => void;
}

interface Values {
  currentPin: string;
  newPin: string;
  repeatPin: string;
}

/**
 * «Сменить PIN-код»: the employee replaces the PIN the operator set at issuance with their own, so
 * that nobody else can open the key. A wrong current PIN counts towards the lock, as at signing.
 */
export function ChangePinDialog({ onChanged, onClose }: ChangePinDialogProps) {
  const change = useChangeMyPin();
  const api = useApiForm({
    schema: PinChangeSchema,
    defaultValues: { currentPin: '', newPin: '', repeatPin: '' } satisfies Values,
    toRequest: ({ currentPin, newPin }: Values) => ({ currentPin, newPin }),
    check: (values) =>
      values.newPin !== values.repeatPin
        ? { repeatPin: 'Повторите новый PIN-код: не совпадает с новым PIN-кодом' }
        : {},
    submit: (request) => change.mutateAsync(request),
    onSuccess: onChanged,
    clearOnError: ['currentPin'],
  });

  return (
    <Dialog title="Сменить PIN-код" onClose={onClose}>
      <Form api={api} data-testid="pin-form">
        <p>PIN-код защищает ваш ключ электронной подписи. Никому его не сообщайте.</p>
        <TextField<Values> name="currentPin" label="Действующий PIN-код" type="password" required />
        <TextField<Values>
          name="newPin"
          label="Новый PIN-код"
          type="password"
          hint={PIN_LENGTH_MESSAGE}
          required
        />
        <TextField<Values>
          name="repeatPin"
          label="Повторите новый PIN-код"
          type="password"
          required
          maxLength={PIN_MAX_LENGTH}
        />
        <FormFooter api={api} pendingLabel="Сохранение…" submit="Сменить PIN-код" onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
