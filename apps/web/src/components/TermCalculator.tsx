import { useState, type FormEvent } from 'react';
import { calculateTerm } from '../api/endpoints';
import type { TermResult, TermRule } from '@uslugi/contracts';
import { useSession } from '../auth/session-context';
import { formatDate, todayIso, weekdayName } from '../lib/format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../lib/form-errors';
import { FormAlert, SelectField, TextField } from './fields';

type Unit = 'working' | 'calendar';

const FIELDS = ['from', 'workingDays', 'calendarDays', 'rule'] as const;

const RULES: { value: TermRule; label: string }[] = [
  {
    value: 'next_working_day_if_off',
    label: 'Перенос на следующий рабочий день, если последний день нерабочий',
  },
  { value: 'exact', label: 'Точно в календарный день' },
];

/** «Рассчитать срок»: N working or calendar days from a date on the municipality's calendar. */
export function TermCalculator() {
  const { user } = useSession();
  const [from, setFrom] = useState(todayIso);
  const [amount, setAmount] = useState('5');
  const [unit, setUnit] = useState<Unit>('working');
  const [rule, setRule] = useState<TermRule>('next_working_day_if_off');
  const [result, setResult] = useState<TermResult | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  if (!user) return null;
  const municipalityId = user.municipality.id;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setResult(null);
    const n = Number(amount.trim());
    try {
      setResult(
        await calculateTerm(
          municipalityId,
          unit === 'working' ? { from, workingDays: n } : { from, calendarDays: n, rule },
        ),
      );
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const amountError = errors.fields.workingDays ?? errors.fields.calendarDays;
  return (
    <form
      className="form term-calculator"
      noValidate
      aria-labelledby="term-calculator-title"
      onSubmit={(event) => void handleSubmit(event)}
    >
      <h2 id="term-calculator-title">Рассчитать срок</h2>
      <FormAlert message={errors.general} />
      <div className="form-grid">
        <TextField
          id="term-from"
          label="От даты"
          type="date"
          required
          value={from}
          onChange={setFrom}
          error={errors.fields.from}
        />
        <TextField
          id="term-amount"
          label="Количество дней"
          required
          value={amount}
          onChange={setAmount}
          error={amountError}
        />
        <SelectField
          id="term-unit"
          label="Дни"
          value={unit}
          onChange={(value) => setUnit(value === 'calendar' ? 'calendar' : 'working')}
          options={[
            { value: 'working', label: 'рабочие' },
            { value: 'calendar', label: 'календарные' },
          ]}
        />
        {unit === 'calendar' && (
          <SelectField
            id="term-rule"
            label="Окончание срока"
            value={rule}
            onChange={(value) => setRule(value === 'exact' ? 'exact' : 'next_working_day_if_off')}
            options={RULES}
            error={errors.fields.rule}
          />
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Рассчитать срок
        </button>
      </div>
      {result && (
        <p className="term-result" data-testid="term-result" role="status">
          Срок истекает <strong>{formatDate(result.dueDate)}</strong> ({weekdayName(result.dueDate)})
          {result.provisional && (
            <>
              {' '}
              <span
                className="badge badge-warn"
                title="Календарь на этот период ещё не утверждён: дата может измениться"
              >
                предварительно
              </span>
            </>
          )}
          {result.daysLeftText && <span className="muted"> · {result.daysLeftText}</span>}
        </p>
      )}
    </form>
  );
}
