import { EmployeeBlockSchema, type Employee } from '@uslugi/contracts';
import { useBlockEmployee } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { Form, FormActions, FormAlert, SubmitButton } from '../../../components/form/Form';
import { TextField } from '../../../components/form/Field';
import { useApiForm } from '../../../lib/use-api-form';

interface BlockDialogProps {
  employee: Employee;
  onBlocked: (employee: Employee) => void;
  onClose: () => void;
}

/** Asks for the reason of blocking: the journal keeps it. */
export function BlockDialog({ employee, onBlocked, onClose }: BlockDialogProps) {
  const block = useBlockEmployee();
  const api = useApiForm({
    schema: EmployeeBlockSchema,
    defaultValues: { reason: '' },
    toRequest: (values: { reason: string }) => ({ reason: values.reason.trim() }),
    submit: ({ reason }) => block.mutateAsync({ id: employee.id, reason }),
    onSuccess: onBlocked,
  });

  return (
    <Dialog title="Блокировка сотрудника" onClose={onClose}>
      <Form api={api} data-testid="block-form">
        <p>
          Сотрудник <strong>{employee.fullName}</strong> не сможет войти в систему до разблокировки.
        </p>
        <TextField<{ reason: string }> name="reason" label="Причина блокировки" required multiline />
        <FormAlert error={api.general} />
        <FormActions>
          <SubmitButton api={api} className="btn btn-danger">
            Заблокировать
          </SubmitButton>
          <button type="button" className="btn" onClick={onClose} disabled={api.pending}>
            Отмена
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
