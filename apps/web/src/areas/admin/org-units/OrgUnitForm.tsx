import { useMemo, useState, type FormEvent } from 'react';
import { createOrgUnit, updateOrgUnit } from '../../../api/endpoints';
import type { Employee, OrgUnit, OrgUnitUpdate } from '@uslugi/contracts';
import { FormAlert, SelectField, TextField } from '../../../components/fields';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { descendantIds, flatten, indentedLabel, type OrgUnitNode } from './tree';

const FIELDS = ['name', 'shortName', 'parentId', 'headEmployeeId'] as const;

interface OrgUnitFormProps {
  /** null: a new unit. */
  unit: OrgUnit | null;
  tree: OrgUnitNode[];
  employees: Employee[] | null;
  onSaved: (unit: OrgUnit, created: boolean) => void;
  onCancel: () => void;
}

export function OrgUnitForm({ unit, tree, employees, onSaved, onCancel }: OrgUnitFormProps) {
  const [name, setName] = useState(unit?.name ?? '');
  const [shortName, setShortName] = useState(unit?.shortName ?? '');
  const [parentId, setParentId] = useState(unit?.parentId ?? '');
  const [headEmployeeId, setHeadEmployeeId] = useState(unit?.headEmployeeId ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  const parentOptions = useMemo(() => {
    // A unit cannot be moved under itself or under one of its own descendants.
    const excluded = unit ? descendantIds(tree, unit.id) : new Set<string>();
    return flatten(tree)
      .filter((node) => !excluded.has(node.unit.id))
      .map((node) => ({ value: node.unit.id, label: indentedLabel(node) }));
  }, [tree, unit]);

  const headOptions = useMemo(() => {
    const options = (employees ?? []).map((employee) => ({
      value: employee.id,
      label: employee.blocked ? `${employee.fullName} (заблокирован)` : employee.fullName,
    }));
    // Keep the current head selectable even when the employee list is unavailable.
    if (unit?.headEmployeeId && !options.some((option) => option.value === unit.headEmployeeId)) {
      options.unshift({ value: unit.headEmployeeId, label: unit.headName ?? unit.headEmployeeId });
    }
    return options;
  }, [employees, unit]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      if (unit) {
        const patch: OrgUnitUpdate = {};
        if (name.trim() !== unit.name) patch.name = name.trim();
        if ((shortName.trim() || null) !== unit.shortName) patch.shortName = shortName.trim() || null;
        if ((parentId || null) !== unit.parentId) patch.parentId = parentId || null;
        if ((headEmployeeId || null) !== unit.headEmployeeId) patch.headEmployeeId = headEmployeeId || null;
        const saved = Object.keys(patch).length > 0 ? await updateOrgUnit(unit.id, patch) : unit;
        onSaved(saved, false);
      } else {
        const saved = await createOrgUnit({
          name: name.trim(),
          ...(shortName.trim() && { shortName: shortName.trim() }),
          ...(parentId && { parentId }),
          ...(headEmployeeId && { headEmployeeId }),
        });
        onSaved(saved, true);
      }
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="form"
      data-testid="org-unit-form"
      noValidate
      aria-labelledby="org-unit-form-title"
      onSubmit={(event) => void handleSubmit(event)}
    >
      <h2 id="org-unit-form-title">{unit ? 'Изменение подразделения' : 'Новое подразделение'}</h2>
      <FormAlert message={errors.general} />
      <TextField
        id="name"
        label="Наименование"
        required
        value={name}
        onChange={setName}
        error={errors.fields.name}
      />
      <TextField
        id="shortName"
        label="Краткое наименование"
        value={shortName}
        onChange={setShortName}
        error={errors.fields.shortName}
      />
      <SelectField
        id="parentId"
        label="Вышестоящее подразделение"
        value={parentId}
        onChange={setParentId}
        options={parentOptions}
        emptyLabel="— нет (верхний уровень) —"
        error={errors.fields.parentId}
      />
      <SelectField
        id="headEmployeeId"
        label="Руководитель"
        value={headEmployeeId}
        onChange={setHeadEmployeeId}
        options={headOptions}
        emptyLabel="— не назначен —"
        error={errors.fields.headEmployeeId}
        hint={employees === null ? 'Список сотрудников недоступен.' : undefined}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {unit ? 'Сохранить' : 'Создать'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
