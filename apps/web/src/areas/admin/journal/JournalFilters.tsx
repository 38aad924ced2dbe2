import { useState, type FormEvent } from 'react';
import type { Employee, JournalObjectTypeOption, JournalQuery } from '@uslugi/contracts';
import { SelectField, TextField } from '../../../components/fields';

export type JournalFilterValues = Required<
  Pick<JournalQuery, 'objectType' | 'objectId' | 'actorId' | 'from' | 'to'>
>;

export const FILTER_FIELDS = ['objectType', 'objectId', 'actorId', 'from', 'to'] as const;

export const EMPTY_FILTERS: JournalFilterValues = {
  objectType: '',
  objectId: '',
  actorId: '',
  from: '',
  to: '',
};

interface JournalFiltersProps {
  initial: JournalFilterValues;
  employees: Employee[] | null;
  /** What the modules journal, with titles, from the server. */
  objectTypes: JournalObjectTypeOption[];
  errors: Record<string, string>;
  onApply: (filters: JournalFilterValues) => void;
}

export function JournalFilters({ initial, employees, objectTypes, errors, onApply }: JournalFiltersProps) {
  const [values, setValues] = useState(initial);
  const set = (field: keyof JournalFilterValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ ...values, objectId: values.objectId.trim() });
  }

  return (
    <form className="filters" aria-label="Отбор записей журнала" onSubmit={handleSubmit}>
      <SelectField
        id="objectType"
        label="Тип объекта"
        value={values.objectType}
        onChange={set('objectType')}
        error={errors.objectType}
        emptyLabel="Все"
        options={objectTypes.map((type) => ({ value: type.code, label: type.title }))}
      />
      <TextField
        id="objectId"
        label="Идентификатор объекта"
        value={values.objectId}
        onChange={set('objectId')}
        error={errors.objectId}
      />
      <SelectField
        id="actorId"
        label="Кто"
        value={values.actorId}
        onChange={set('actorId')}
        error={errors.actorId}
        emptyLabel="Все"
        options={(employees ?? []).map((employee) => ({ value: employee.id, label: employee.fullName }))}
        hint={employees === null ? 'Список сотрудников недоступен.' : undefined}
      />
      <TextField
        id="from"
        label="Период с"
        type="date"
        value={values.from}
        onChange={set('from')}
        error={errors.from}
      />
      <TextField id="to" label="по" type="date" value={values.to} onChange={set('to')} error={errors.to} />
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary">
          Применить
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setValues(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Сбросить
        </button>
      </div>
    </form>
  );
}
