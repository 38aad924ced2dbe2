import { CaseListQuerySchema, STAGE_KINDS, STAGE_KIND_TITLES } from '@uslugi/contracts';
import { useCatalogServices } from '../../../api/queries';
import { SelectField, TextField } from '../../../components/form/Field';
import { Form } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import type { CaseFilters as Filters } from './api';

interface Values {
  q: string;
  serviceId: string;
  stageKind: string;
  from: string;
  to: string;
  sort: 'term' | 'opened';
}

const EMPTY: Values = { q: '', serviceId: '', stageKind: '', from: '', to: '', sort: 'term' };

/** What the list query takes of the filters; a malformed one is shown under its field before any request. */
const FiltersSchema = CaseListQuerySchema.pick({
  q: true,
  serviceId: true,
  stageKind: true,
  from: true,
  to: true,
  sort: true,
});

/** The filters as the query sends them: the empty ones left out. */
function toQuery(values: Values): Filters {
  const query: Filters = { sort: values.sort };
  if (values.q.trim()) query.q = values.q.trim();
  if (values.serviceId) query.serviceId = values.serviceId;
  if (values.stageKind) query.stageKind = values.stageKind as Filters['stageKind'];
  if (values.from) query.from = values.from;
  if (values.to) query.to = values.to;
  return query;
}

/** Search, service, stage kind, registration period and the order of the worklist. */
export function CaseFilters({ onApply }: { onApply: (filters: Filters) => void }) {
  const services = useCatalogServices();
  const api = useApiForm({
    schema: FiltersSchema,
    defaultValues: EMPTY,
    toRequest: toQuery,
    submit: async (query) => query,
    onSuccess: onApply,
  });
  return (
    <Form api={api} className="filters" aria-label="Отбор дел">
      <TextField<Values>
        name="q"
        label="Номер или заявитель"
        type="search"
        hint="Часть регистрационного номера или ФИО"
      />
      <SelectField<Values>
        name="serviceId"
        label="Услуга"
        emptyLabel="Все"
        options={(services.data?.items ?? []).map((service) => ({
          value: service.id,
          label: service.shortName || service.name,
        }))}
      />
      <SelectField<Values>
        name="stageKind"
        label="Этап"
        emptyLabel="Все"
        options={STAGE_KINDS.filter((kind) => kind !== 'final').map((kind) => ({
          value: kind,
          label: STAGE_KIND_TITLES[kind],
        }))}
      />
      <TextField<Values> name="from" label="Зарегистрировано с" type="date" />
      <TextField<Values> name="to" label="по" type="date" />
      <SelectField<Values>
        name="sort"
        label="Порядок"
        options={[
          { value: 'term', label: 'Ближайший срок первым' },
          { value: 'opened', label: 'Новые первыми' },
        ]}
      />
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary">
          Применить
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            api.form.reset(EMPTY);
            onApply(toQuery(EMPTY));
          }}
        >
          Сбросить
        </button>
      </div>
    </Form>
  );
}
