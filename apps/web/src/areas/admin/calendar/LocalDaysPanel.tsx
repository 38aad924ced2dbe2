import { useState, type FormEvent } from 'react';
import { createLocalDay, deleteLocalDay } from '../../../api/endpoints';
import type { DayKind, LocalDay } from '@uslugi/contracts';
import { FormAlert, SelectField, TextField } from '../../../components/fields';
import { formatDate, weekdayName } from '../../../lib/format';
import { NO_ERRORS, errorMessage, toFormErrors, type FormErrors } from '../../../lib/form-errors';

export const KIND_TITLES: Record<DayKind, string> = {
  dayoff: 'Выходной',
  working: 'Рабочий',
  short: 'Сокращённый',
};

const KIND_OPTIONS = (Object.keys(KIND_TITLES) as DayKind[]).map((value) => ({
  value,
  label: KIND_TITLES[value],
}));

const FIELDS = ['date', 'kind', 'title'] as const;

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
  const [values, setValues] = useState({ date: '', kind: 'dayoff', title: '' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const set = (field: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const kind = KIND_OPTIONS.find((option) => option.value === values.kind)?.value ?? 'dayoff';
      const saved = await createLocalDay(municipalityId, { ...values, kind, title: values.title.trim() });
      setValues({ date: '', kind: 'dayoff', title: '' });
      onChanged(
        `${formatDate(saved.date)}: «${saved.title}» — ${KIND_TITLES[saved.kind].toLowerCase()} день.`,
      );
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  async function remove(day: LocalDay) {
    if (!window.confirm(`Отменить решение на ${formatDate(day.date)} «${day.title}»?`)) return;
    setRemoveError(null);
    try {
      await deleteLocalDay(municipalityId, day.id);
      onChanged(`Решение на ${formatDate(day.date)} отменено.`);
    } catch (error) {
      setRemoveError(errorMessage(error));
    }
  }

  return (
    <section className="panel" aria-labelledby="local-days-title">
      <h2 id="local-days-title">Решения муниципального образования на {year} год</h2>
      {removeError && <FormAlert message={removeError} />}
      <table className="table" data-testid="calendar-local-days">
        <thead>
          <tr>
            <th scope="col">Дата</th>
            <th scope="col">Вид дня</th>
            <th scope="col">Наименование</th>
            {canManage && (
              <th scope="col">
                <span className="visually-hidden">Действия</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {days === null && (
            <tr>
              <td colSpan={4} className="muted">
                Загрузка…
              </td>
            </tr>
          )}
          {days?.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Решений на этот год нет.
              </td>
            </tr>
          )}
          {days?.map((day) => (
            <tr key={day.id}>
              <td className="nowrap">
                {formatDate(day.date)} <span className="muted">{weekdayName(day.date)}</span>
              </td>
              <td>{KIND_TITLES[day.kind]}</td>
              <td>{day.title}</td>
              {canManage && (
                <td className="cell-actions">
                  <button
                    type="button"
                    className="btn btn-small btn-danger-outline"
                    onClick={() => void remove(day)}
                  >
                    Удалить
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && (
        <form
          className="form local-day-form"
          data-testid="calendar-local-form"
          noValidate
          onSubmit={(event) => void handleSubmit(event)}
        >
          <h3>Новое решение</h3>
          <FormAlert message={errors.general} />
          <div className="form-grid">
            <TextField
              id="local-date"
              label="Дата"
              type="date"
              required
              value={values.date}
              onChange={set('date')}
              error={errors.fields.date}
            />
            <SelectField
              id="local-kind"
              label="Вид дня"
              value={values.kind}
              onChange={set('kind')}
              options={KIND_OPTIONS}
              error={errors.fields.kind}
            />
            <TextField
              id="local-title"
              label="Наименование"
              required
              placeholder="День города"
              value={values.title}
              onChange={set('title')}
              error={errors.fields.title}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Добавить
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
