import { EmployeeCreateSchema, EmployeeUpdateSchema, ROLES } from '@uslugi/contracts';
import type { Employee, EmployeeCreate, EmployeeUpdate, Position, Role } from '@uslugi/contracts';
import { useSetEmployeeRoles, useCreateEmployee, useUpdateEmployee } from '../../../api/queries';
import { Form, FormFooter } from '../../../components/form/Form';
import { SelectField, TextField, type Option } from '../../../components/form/Field';
import { normalizeSnils } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';
import { INSTALLATION_ROLES, ROLE_TITLES } from '../../../lib/roles';
import { PositionField } from './PositionField';

interface EmployeeFormProps {
  /** null: a new employee. */
  employee: Employee | null;
  orgUnitOptions: Option[];
  positions: Position[];
  /** false: only the roles can be changed (the installation administrator). */
  canEditDetails: boolean;
  /** The roles this user may give or take away; the others are shown, not changeable. */
  assignableRoles: readonly Role[];
  /** `snilsRequested`: a new СНИЛС was asked for; it waits for a second person's confirmation. */
  onSaved: (employee: Employee, created: boolean, snilsRequested: boolean) => void;
  onCancel: () => void;
}

interface Values {
  lastName: string;
  firstName: string;
  middleName: string;
  snils: string;
  email: string;
  orgUnitId: string;
  positionId: string;
  roles: Role[];
}

/**
 * ESIA finds the employee by СНИЛС: a new СНИЛС of an existing employee takes effect only once a
 * second person confirms it, which the field says.
 */
function snilsHint(employee: Employee | null): string | undefined {
  if (!employee) return undefined;
  if (employee.pendingSnilsChange)
    return `СНИЛС изменится после подтверждения: ${employee.pendingSnilsChange.snils}`;
  return 'Новый СНИЛС вступит в силу после подтверждения руководителем подразделения сотрудника или другим оператором';
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

/** What is typed, trimmed; the СНИЛС brought to "XXX-XXX-XXX YY" when it is 11 digits. */
function trimmed(values: Values) {
  return {
    lastName: values.lastName.trim(),
    firstName: values.firstName.trim(),
    middleName: values.middleName.trim(),
    snils: normalizeSnils(values.snils),
    email: values.email.trim(),
  };
}

/** Only what changed goes to the server, so the journal records the real edit. */
function changes(employee: Employee, values: Values): EmployeeUpdate {
  const typed = trimmed(values);
  const patch: EmployeeUpdate = {};
  if (typed.lastName !== employee.lastName) patch.lastName = typed.lastName;
  if (typed.firstName !== employee.firstName) patch.firstName = typed.firstName;
  if ((typed.middleName || null) !== employee.middleName) patch.middleName = typed.middleName || null;
  if (typed.snils !== employee.snils) patch.snils = typed.snils;
  if (typed.email !== employee.email) patch.email = typed.email;
  if ((values.orgUnitId || null) !== employee.orgUnitId) patch.orgUnitId = values.orgUnitId || null;
  if ((values.positionId || null) !== employee.positionId) patch.positionId = values.positionId || null;
  return patch;
}

export function EmployeeForm(props: EmployeeFormProps) {
  const { employee, canEditDetails, assignableRoles } = props;
  const canAssignRoles = assignableRoles.length > 0;
  // The installation administrator role is not offered to a municipality's operator; the person's
  // other roles keep it as it is.
  const shownRoles = ROLES.filter(
    (role) => !INSTALLATION_ROLES.includes(role) || assignableRoles.includes(role),
  );
  const create = useCreateEmployee();
  const update = useUpdateEmployee();
  const setRoles = useSetEmployeeRoles();
  const detailsOnly = employee !== null && !canEditDetails;

  const api = useApiForm({
    // Who only assigns roles sends only the roles.
    schema: detailsOnly ? undefined : employee ? EmployeeUpdateSchema : EmployeeCreateSchema,
    defaultValues: {
      lastName: employee?.lastName ?? '',
      firstName: employee?.firstName ?? '',
      middleName: employee?.middleName ?? '',
      snils: employee?.snils ?? '',
      email: employee?.email ?? '',
      orgUnitId: employee?.orgUnitId ?? '',
      positionId: employee?.positionId ?? '',
      roles: employee?.roles ?? ['employee'],
    } satisfies Values,
    toRequest: (values: Values): EmployeeCreate | EmployeeUpdate =>
      employee
        ? changes(employee, values)
        : {
            ...trimmed(values),
            middleName: trimmed(values).middleName || undefined,
            orgUnitId: values.orgUnitId || undefined,
            positionId: values.positionId || undefined,
            roles: canAssignRoles ? values.roles : undefined,
          },
    submit: async (request, values) => {
      if (!employee) {
        const saved = await create.mutateAsync(request as EmployeeCreate);
        return { saved, created: true, snilsRequested: false };
      }
      const patch = detailsOnly ? {} : request;
      let saved =
        Object.keys(patch).length > 0
          ? await update.mutateAsync({ id: employee.id, input: patch })
          : employee;
      if (canAssignRoles && !sameRoles(values.roles, employee.roles))
        saved = await setRoles.mutateAsync({ id: employee.id, roles: values.roles });
      return { saved, created: false, snilsRequested: patch.snils !== undefined };
    },
    onSuccess: ({ saved, created, snilsRequested }) => props.onSaved(saved, created, snilsRequested),
  });
  const rolesError = api.form.formState.errors.roles?.message;

  const roles = api.form.watch('roles');
  function toggleRole(role: Role, checked: boolean) {
    api.form.setValue('roles', checked ? [...roles, role] : roles.filter((item) => item !== role));
  }

  return (
    <Form api={api} data-testid="employee-form" aria-labelledby="employee-form-title">
      <h2 id="employee-form-title">
        {!employee ? 'Новый сотрудник' : canEditDetails ? 'Изменение сотрудника' : 'Роли сотрудника'}
      </h2>
      {employee && !canEditDetails && <p>{employee.fullName}</p>}
      {canEditDetails && (
        <div className="form-grid">
          <TextField<Values> name="lastName" label="Фамилия" required />
          <TextField<Values> name="firstName" label="Имя" required />
          <TextField<Values> name="middleName" label="Отчество" />
          <TextField<Values>
            name="snils"
            label="СНИЛС"
            required
            placeholder="123-456-789 01"
            maxLength={14}
            hint={snilsHint(employee)}
          />
          <TextField<Values> name="email" label="Электронная почта" type="email" required />
          <SelectField<Values>
            name="orgUnitId"
            label="Подразделение"
            options={props.orgUnitOptions}
            emptyLabel="— не указано —"
          />
          <PositionField<Values> name="positionId" positions={props.positions} />
        </div>
      )}
      <fieldset
        className={rolesError ? 'field field-invalid' : 'field'}
        aria-describedby={rolesError ? 'roles-error' : undefined}
      >
        <legend>Роли</legend>
        {!canAssignRoles && <div className="field-hint">Назначать роли может только оператор системы.</div>}
        {canAssignRoles && shownRoles.some((role) => !assignableRoles.includes(role)) && (
          <div className="field-hint">
            Роли муниципального образования назначает оператор системы, роль «Администратор установки» —
            администратор установки.
          </div>
        )}
        {roles.some((role) => !shownRoles.includes(role)) && (
          <div className="field-hint">
            Сотрудник — администратор установки. Эту роль назначает и снимает только администратор установки.
          </div>
        )}
        <div className="checkbox-group">
          {shownRoles.map((role) => (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                name="roles"
                value={role}
                checked={roles.includes(role)}
                disabled={!assignableRoles.includes(role)}
                onChange={(event) => toggleRole(role, event.target.checked)}
              />
              {ROLE_TITLES[role]}
            </label>
          ))}
        </div>
        {rolesError && (
          <div className="field-error" id="roles-error">
            {rolesError}
          </div>
        )}
      </fieldset>
      <FormFooter
        api={api}
        submitTestId="employee-submit"
        submit={employee ? 'Сохранить' : 'Добавить'}
        onCancel={props.onCancel}
      />
    </Form>
  );
}
