import { OrgUnitCreateSchema, OrgUnitUpdateSchema } from '@uslugi/contracts';
import type { Employee, OrgUnit, OrgUnitCreate, OrgUnitUpdate } from '@uslugi/contracts';
import { useMemo } from 'react';
import { useCreateOrgUnit, useUpdateOrgUnit } from '../../../api/queries';
import { Form, FormFooter } from '../../../components/form/Form';
import { SelectField, TextField } from '../../../components/form/Field';
import { useApiForm } from '../../../lib/use-api-form';
import { descendantIds, flatten, indentedLabel, type OrgUnitNode } from './tree';

interface OrgUnitFormProps {
  /** null: a new unit. */
  unit: OrgUnit | null;
  tree: OrgUnitNode[];
  employees: Employee[] | null;
  onSaved: (unit: OrgUnit, created: boolean) => void;
  onCancel: () => void;
}

interface Values {
  name: string;
  shortName: string;
  parentId: string;
  headEmployeeId: string;
}

/** Only what changed goes to the server, so the journal records the real edit. */
function changes(unit: OrgUnit, values: Values): OrgUnitUpdate {
  const patch: OrgUnitUpdate = {};
  if (values.name.trim() !== unit.name) patch.name = values.name.trim();
  if ((values.shortName.trim() || null) !== unit.shortName) patch.shortName = values.shortName.trim() || null;
  if ((values.parentId || null) !== unit.parentId) patch.parentId = values.parentId || null;
  if ((values.headEmployeeId || null) !== unit.headEmployeeId)
    patch.headEmployeeId = values.headEmployeeId || null;
  return patch;
}

function creation(values: Values): OrgUnitCreate {
  return {
    name: values.name.trim(),
    ...(values.shortName.trim() && { shortName: values.shortName.trim() }),
    ...(values.parentId && { parentId: values.parentId }),
    ...(values.headEmployeeId && { headEmployeeId: values.headEmployeeId }),
  };
}

export function OrgUnitForm({ unit, tree, employees, onSaved, onCancel }: OrgUnitFormProps) {
  const create = useCreateOrgUnit();
  const update = useUpdateOrgUnit();
  const api = useApiForm({
    schema: unit ? OrgUnitUpdateSchema : OrgUnitCreateSchema,
    defaultValues: {
      name: unit?.name ?? '',
      shortName: unit?.shortName ?? '',
      parentId: unit?.parentId ?? '',
      headEmployeeId: unit?.headEmployeeId ?? '',
    } satisfies Values,
    toRequest: (values: Values): OrgUnitCreate | OrgUnitUpdate =>
      unit ? changes(unit, values) : creation(values),
    submit: async (request) => {
      if (!unit) return { saved: await create.mutateAsync(request as OrgUnitCreate), created: true };
      const saved =
        Object.keys(request).length > 0 ? await update.mutateAsync({ id: unit.id, input: request }) : unit;
      return { saved, created: false };
    },
    onSuccess: ({ saved, created }) => onSaved(saved, created),
  });

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

  return (
    <Form api={api} data-testid="org-unit-form" aria-labelledby="org-unit-form-title">
      <h2 id="org-unit-form-title">{unit ? 'Изменение подразделения' : 'Новое подразделение'}</h2>
      <TextField<Values> name="name" label="Наименование" required />
      <TextField<Values> name="shortName" label="Краткое наименование" />
      <SelectField<Values>
        name="parentId"
        label="Вышестоящее подразделение"
        options={parentOptions}
        emptyLabel="— нет (верхний уровень) —"
      />
      <SelectField<Values>
        name="headEmployeeId"
        label="Руководитель"
        options={headOptions}
        emptyLabel="— не назначен —"
        hint={employees === null ? 'Список сотрудников недоступен.' : undefined}
      />
      <FormFooter api={api} submit={unit ? 'Сохранить' : 'Создать'} onCancel={onCancel} />
    </Form>
  );
}
