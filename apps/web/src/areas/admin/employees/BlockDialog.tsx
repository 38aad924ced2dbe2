import { EmployeeBlockSchema, type Employee } from '@uslugi/contracts';
import { useBlockEmployee } from '../../../api/queries';
import { ReasonDialog } from '../../../components/ReasonDialog';

interface BlockDialogProps {
  employee: Employee;
  onBlocked: (employee: Employee) => void;
  onClose: () => void;
}

/** Asks for the reason of blocking: the journal keeps it. */
export function BlockDialog({ employee, onBlocked, onClose }: BlockDialogProps) {
  const block = useBlockEmployee();
  return (
    <ReasonDialog
      title="Блокировка сотрудника"
      data-testid="block-form"
      schema={EmployeeBlockSchema}
      label="Причина блокировки"
      submitLabel="Заблокировать"
      send={(reason) => block.mutateAsync({ id: employee.id, reason })}
      onDone={onBlocked}
      onClose={onClose}
    >
      <p>
        Сотрудник <strong>{employee.fullName}</strong> не сможет войти в систему до разблокировки.
      </p>
    </ReasonDialog>
  );
}
