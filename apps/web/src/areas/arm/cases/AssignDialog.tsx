import { AssignCaseSchema, type CaseCommandResult } from '@uslugi/contracts';
import { Dialog } from '../../../components/Dialog';
import { SelectField, TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { useApiForm } from '../../../lib/use-api-form';
import { useAssignable, useCaseCommand } from './api';

interface Values {
  employeeId: string;
  reason: string;
}

/**
 * 004 item 3: the head assigns (or reassigns) the case to an employee of the case's unit or below,
 * and says why; both executors are told.
 */
export function AssignDialog(props: {
  caseId: string;
  currentExecutorId: string | null;
  onDone: (result: CaseCommandResult) => void;
  onClose: () => void;
}) {
  const assignable = useAssignable(props.caseId);
  const command = useCaseCommand(props.caseId, 'assign');
  const api = useApiForm({
    schema: AssignCaseSchema,
    defaultValues: { employeeId: '', reason: '' },
    toRequest: (values: Values) => ({ employeeId: values.employeeId, reason: values.reason.trim() }),
    check: (values) => (values.employeeId ? {} : { employeeId: 'Выберите исполнителя' }),
    submit: (request) => command.run(request),
    onSuccess: props.onDone,
  });
  const options = (assignable.data?.items ?? [])
    .filter((employee) => employee.id !== props.currentExecutorId)
    .map((employee) => ({
      value: employee.id,
      label: `${employee.name} — ${employee.unit}, дел в работе: ${employee.openCases}`,
    }));
  return (
    <Dialog title="Назначить исполнителя" onClose={props.onClose}>
      <Form api={api} data-testid="assign-form">
        {assignable.error && <Notice kind="error">{errorMessage(assignable.error)}</Notice>}
        <SelectField<Values>
          id="assign-employee"
          name="employeeId"
          label="Исполнитель"
          required
          emptyLabel={assignable.isPending ? 'Загрузка…' : 'Выберите сотрудника'}
          options={options}
        />
        <TextField<Values> id="assign-reason" name="reason" label="Причина" required multiline />
        <FormFooter api={api} submit="Назначить" onCancel={props.onClose} />
      </Form>
    </Dialog>
  );
}
