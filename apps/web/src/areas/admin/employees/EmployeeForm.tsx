import { useState, type FormEvent } from 'react';
import { createEmployee, setEmployeeRoles, updateEmployee } from '../../../api/endpoints';
import { ROLES } from '@uslugi/contracts';
import type { Employee, Position, Role, EmployeeUpdate } from '@uslugi/contracts';
import { FormAlert, SelectField, TextField, type Option } from '../../../components/fields';
import { normalizeSnils } from '../../../lib/format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { INSTALLATION_ROLES, ROLE_TITLES } from '../../../lib/roles';
import { PositionField } from './PositionField';

const FIELDS = [
  'lastName',
  'firstName',
  'middleName',
  'snils',
  'email',
  'orgUnitId',
  'positionId',
  'roles',
] as const;

interface EmployeeFormProps {
  /** null: a new employee. */
  employee: Employee | null;
  orgUnitOptions: Option[];
  positions: Position[];
  onPositionCreated: (position: Position) => void;
  /** false: only the roles can be changed (the installation administrator). */
  canEditDetails: boolean;
  /** The roles this user may give or take away; the others are shown, not changeable. */
  assignableRoles: readonly Role[];
  /** `snilsRequested`: a new СНИЛС was asked for; it waits for a second person's confirmation. */
  onSaved: (employee: Employee, created: boolean, snilsRequested: boolean) => void;
  onCancel: () => void;
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

export function EmployeeForm(props: EmployeeFormProps) {
  const { employee, canEditDetails, assignableRoles } = props;
  const canAssignRoles = assignableRoles.length > 0;
  const [values, setValues] = useState({
    lastName: employee?.lastName ?? '',
    firstName: employee?.firstName ?? '',
    middleName: employee?.middleName ?? '',
    snils: employee?.snils ?? '',
    email: employee?.email ?? '',
    orgUnitId: employee?.orgUnitId ?? '',
    positionId: employee?.positionId ?? '',
  });
  const [roles, setRoles] = useState<Role[]>(employee?.roles ?? ['employee']);
  // The installation administrator role is not offered to a municipality's operator; the person's
  // other roles keep it as it is.
  const shownRoles = ROLES.filter(
    (role) => !INSTALLATION_ROLES.includes(role) || assignableRoles.includes(role),
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  const set = (field: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  function toggleRole(role: Role, checked: boolean) {
    setRoles((current) => (checked ? [...current, role] : current.filter((item) => item !== role)));
  }

  async function save(): Promise<{ saved: Employee; created: boolean; snilsRequested: boolean }> {
    const trimmed = {
      lastName: values.lastName.trim(),
      firstName: values.firstName.trim(),
      middleName: values.middleName.trim(),
      snils: normalizeSnils(values.snils),
      email: values.email.trim(),
    };
    if (employee && !canEditDetails) {
      const saved = sameRoles(roles, employee.roles) ? employee : await setEmployeeRoles(employee.id, roles);
      return { saved, created: false, snilsRequested: false };
    }
    if (!employee) {
      const saved = await createEmployee({
        ...trimmed,
        middleName: trimmed.middleName || undefined,
        orgUnitId: values.orgUnitId || undefined,
        positionId: values.positionId || undefined,
        roles: canAssignRoles ? roles : undefined,
      });
      return { saved, created: true, snilsRequested: false };
    }
    // Only what changed goes to the server, so the journal records the real edit.
    const patch: EmployeeUpdate = {};
    if (trimmed.lastName !== employee.lastName) patch.lastName = trimmed.lastName;
    if (trimmed.firstName !== employee.firstName) patch.firstName = trimmed.firstName;
    if ((trimmed.middleName || null) !== employee.middleName) patch.middleName = trimmed.middleName || null;
    if (trimmed.snils !== employee.snils) patch.snils = trimmed.snils;
    if (trimmed.email !== employee.email) patch.email = trimmed.email;
    if ((values.orgUnitId || null) !== employee.orgUnitId) patch.orgUnitId = values.orgUnitId || null;
    if ((values.positionId || null) !== employee.positionId) patch.positionId = values.positionId || null;
    let saved = Object.keys(patch).length > 0 ? await updateEmployee(employee.id, patch) : employee;
    if (canAssignRoles && !sameRoles(roles, employee.roles))
      saved = await setEmployeeRoles(employee.id, roles);
    return { saved, created: false, snilsRequested: patch.snils !== undefined };
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      const { saved, created, snilsRequested } = await save();
      props.onSaved(saved, created, snilsRequested);
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="form"
      data-testid="employee-form"
      noValidate
      aria-labelledby="employee-form-title"
      onSubmit={(event) => void handleSubmit(event)}
    >
      <h2 id="employee-form-title">
        {!employee ? 'Новый сотрудник' : canEditDetails ? 'Изменение сотрудника' : 'Роли сотрудника'}
      </h2>
      <FormAlert message={errors.general} />
      {employee && !canEditDetails && <p>{employee.fullName}</p>}
      {canEditDetails && (
        <div className="form-grid">
          <TextField
            id="lastName"
            label="Фамилия"
            required
            value={values.lastName}
            onChange={set('lastName')}
            error={errors.fields.lastName}
          />
          <TextField
            id="firstName"
            label="Имя"
            required
            value={values.firstName}
            onChange={set('firstName')}
            error={errors.fields.firstName}
          />
          <TextField
            id="middleName"
            label="Отчество"
            value={values.middleName}
            onChange={set('middleName')}
            error={errors.fields.middleName}
          />
          <TextField
            id="snils"
            label="СНИЛС"
            required
            placeholder="123-456-789 01"
            value={values.snils}
            onChange={set('snils')}
            error={errors.fields.snils}
            hint={snilsHint(employee)}
          />
          <TextField
            id="email"
            label="Электронная почта"
            type="email"
            required
            value={values.email}
            onChange={set('email')}
            error={errors.fields.email}
          />
          <SelectField
            id="orgUnitId"
            label="Подразделение"
            value={values.orgUnitId}
            onChange={set('orgUnitId')}
            options={props.orgUnitOptions}
            emptyLabel="— не указано —"
            error={errors.fields.orgUnitId}
          />
          <PositionField
            value={values.positionId}
            onChange={set('positionId')}
            positions={props.positions}
            onCreated={props.onPositionCreated}
            error={errors.fields.positionId}
          />
        </div>
      )}
      <fieldset
        className={errors.fields.roles ? 'field field-invalid' : 'field'}
        aria-describedby={errors.fields.roles ? 'roles-error' : undefined}
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
        {errors.fields.roles && (
          <div className="field-error" id="roles-error">
            {errors.fields.roles}
          </div>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="employee-submit" disabled={saving}>
          {employee ? 'Сохранить' : 'Добавить'}
        </button>
        <button type="button" className="btn" onClick={props.onCancel} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
