import { JournalQuerySchema, type Employee, type JournalObjectTypeOption } from '@uslugi/contracts';
import { Form } from '../../../components/form/Form';
import { SelectField, TextField } from '../../../components/form/Field';
import { useApiForm } from '../../../lib/use-api-form';

export interface JournalFilterValues {
  objectType: string;
  objectId: string;
  actorId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTERS: JournalFilterValues = {
  objectType: '',
  objectId: '',
  actorId: '',
  from: '',
  to: '',
};

/** The filters the journal's query takes; a malformed one is shown under its field before any request. */
const FiltersSchema = JournalQuerySchema.pick({
  objectType: true,
  objectId: true,
  actorId: true,
  from: true,
  to: true,
});

/** The filters as the query sends them: the empty ones left out. */
export function toJournalQuery(values: JournalFilterValues) {
  const query: Partial<JournalFilterValues> = {};
  for (const [key, value] of Object.entries(values) as [keyof JournalFilterValues, string][]) {
    if (value.trim()) query[key] = value.trim();
  }
  return query;
}

interface JournalFiltersProps {
  employees: Employee[] | null;
  /** What the modules journal, with titles, from the server. */
  objectTypes: JournalObjectTypeOption[];
  onApply: (filters: JournalFilterValues) => void;
}

export function JournalFilters({ employees, objectTypes, onApply }: JournalFiltersProps) {
  const api = useApiForm({
    schema: FiltersSchema,
    defaultValues: EMPTY_FILTERS,
    toRequest: toJournalQuery,
    submit: async (_query, values) => values,
    onSuccess: (values) => onApply(values),
  });

  // Entries about an employee (their card, their sessions, the installation-admin role) name them as object.
  const employeeOptions = (employees ?? []).map((employee) => ({
    value: employee.id,
    label: employee.fullName,
  }));
  return (
    <Form api={api} className="filters" aria-label="Отбор записей журнала">
      <SelectField<JournalFilterValues>
        name="objectType"
        label="Тип объекта"
        emptyLabel="Все"
        options={objectTypes.map((type) => ({ value: type.code, label: type.title }))}
      />
      <SelectField<JournalFilterValues>
        name="objectId"
        label="О сотруднике"
        emptyLabel="Все"
        options={employeeOptions}
        hint={employees === null ? 'Список сотрудников недоступен.' : undefined}
      />
      <SelectField<JournalFilterValues>
        name="actorId"
        label="Кто выполнил"
        emptyLabel="Все"
        options={employeeOptions}
        hint={employees === null ? 'Список сотрудников недоступен.' : undefined}
      />
      <TextField<JournalFilterValues> name="from" label="Период с" type="date" />
      <TextField<JournalFilterValues> name="to" label="по" type="date" />
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary">
          Применить
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            api.form.reset(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Сбросить
        </button>
      </div>
    </Form>
  );
}
