import { LocalDayCreateSchema, type DayKind, type LocalDay } from '@uslugi/contracts';
import { useCreateLocalDay, useDeleteLocalDay } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Form, FormAlert, FormFooter } from '../../../components/form/Form';
import { SelectField, TextField } from '../../../components/form/Field';
import { errorMessage } from '../../../lib/errors';
import { formatDate, weekdayName } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';

export const KIND_TITLES: Record<DayKind, string> = {
  dayoff: 'Выходной',
  working: 'Рабочий',
  short: 'Сокращённый',
};

const KIND_OPTIONS = (Object.keys(KIND_TITLES) as DayKind[]).map((value) => ({
  value,
  label: KIND_TITLES[value],
}));

interface Values {
  date: string;
  kind: DayKind;
  title: string;
}

interface LocalDaysPanelProps {
  municipalityId: string;
  year: number;
  days: LocalDay[] | null;
  canManage: boolean;
  /** After a change: the page reloads the grid and the list. */
  onChanged: (message: string) => void;
}

/** The municipality's own decisions: a date made a day off, a working day or a shortened day. */
export function LocalDaysPanel({ municipalityId, year, days, canManage, onChanged }: LocalDaysPanelProps) {
  const create = useCreateLocalDay(municipalityId);
  const remove = useDeleteLocalDay(municipalityId);
  const api = useApiForm({
    schema: LocalDayCreateSchema,
    defaultValues: { date: '', kind: 'dayoff', title: '' },
    toRequest: (values: Values) => ({ ...values, title: values.title.trim() }),
    submit: (request) => create.mutateAsync(request),
    onSuccess: (saved) => {
      api.form.reset();
      onChanged(
        `${formatDate(saved.date)}: «${saved.title}» — ${KIND_TITLES[saved.kind].toLowerCase()} день.`,
      );
    },
  });

  async function handleRemove(day: LocalDay) {
    if (!window.confirm(`Отменить решение на ${formatDate(day.date)} «${day.title}»?`)) return;
    try {
      await remove.mutateAsync(day.id);
      onChanged(`Решение на ${formatDate(day.date)} отменено.`);
    } catch {
      // Shown from the mutation's error.
    }
  }

  return (
    <section className="panel" aria-labelledby="local-days-title">
      <h2 id="local-days-title">Решения муниципального образования на {year} год</h2>
      {remove.error && <FormAlert error={errorMessage(remove.error)} />}
      <DataTable
        caption={`Решения муниципального образования на ${year} год`}
        data-testid="calendar-local-days"
        rows={days ?? []}
        rowKey={(day) => day.id}
        empty={days === null ? 'Загрузка…' : 'Решений на этот год нет.'}
        columns={[
          {
            header: 'Дата',
            className: 'nowrap',
            cell: (day) => (
              <>
                {formatDate(day.date)} <span className="muted">{weekdayName(day.date)}</span>
              </>
            ),
          },
          { header: 'Вид дня', cell: (day) => KIND_TITLES[day.kind] },
          { header: 'Наименование', cell: (day) => day.title },
          canManage && {
            header: 'Действия',
            hiddenHeader: true,
            className: 'cell-actions',
            cell: (day) => (
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                onClick={() => void handleRemove(day)}
              >
                Удалить
              </button>
            ),
          },
        ]}
      />
      {canManage && (
        <Form api={api} className="form local-day-form" data-testid="calendar-local-form">
          <h3>Новое решение</h3>
          <div className="form-grid">
            <TextField<Values> id="local-date" name="date" label="Дата" type="date" required />
            <SelectField<Values> id="local-kind" name="kind" label="Вид дня" options={KIND_OPTIONS} />
            <TextField<Values>
              id="local-title"
              name="title"
              label="Наименование"
              required
              placeholder="День города"
            />
          </div>
          <FormFooter api={api} submit="Добавить" />
        </Form>
      )}
    </section>
  );
}
