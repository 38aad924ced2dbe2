import { TermQuerySchema, type TermResult, type TermRule } from '@uslugi/contracts';
import { useState } from 'react';
import { calculateTerm, type TermRequest } from '../api/endpoints';
import { useSession } from '../auth/session-context';
import { formatDate, todayIso, weekdayName } from '../lib/format';
import { useApiForm } from '../lib/use-api-form';
import { Form, FormFooter } from './form/Form';
import { SelectField, TextField } from './form/Field';
import './TermCalculator.css';

type Unit = 'working' | 'calendar';

interface Values {
  from: string;
  amount: string;
  unit: Unit;
  rule: TermRule;
}

const RULES: { value: TermRule; label: string }[] = [
  {
    value: 'next_working_day_if_off',
    label: 'Перенос на следующий рабочий день, если последний день нерабочий',
  },
  { value: 'exact', label: 'Точно в календарный день' },
];

/** The typed number as the query sends it (the text itself when it is not a number: the schema says so). */
function toRequest({ from, amount, unit, rule }: Values): TermRequest {
  const n = Number(amount.trim());
  return unit === 'working' ? { from, workingDays: n } : { from, calendarDays: n, rule };
}

/** «Рассчитать срок»: N working or calendar days from a date on the municipality's calendar. */
export function TermCalculator() {
  const { user } = useSession();
  const [result, setResult] = useState<TermResult | null>(null);
  const municipalityId = user?.municipality.id ?? '';
  const api = useApiForm({
    schema: TermQuerySchema,
    defaultValues: {
      from: todayIso(),
      amount: '5',
      unit: 'working',
      rule: 'next_working_day_if_off',
    },
    toRequest,
    submit: (request) => {
      setResult(null);
      return calculateTerm(municipalityId, request);
    },
    fieldOf: { workingDays: 'amount', calendarDays: 'amount' },
    onSuccess: setResult,
  });
  const unit = api.form.watch('unit');

  if (!user) return null;
  return (
    <Form api={api} className="form term-calculator" aria-labelledby="term-calculator-title">
      <h2 id="term-calculator-title">Рассчитать срок</h2>
      <div className="form-grid">
        <TextField<Values> id="term-from" name="from" label="От даты" type="date" required />
        <TextField<Values> id="term-amount" name="amount" label="Количество дней" required />
        <SelectField<Values>
          id="term-unit"
          name="unit"
          label="Дни"
          options={[
            { value: 'working', label: 'рабочие' },
            { value: 'calendar', label: 'календарные' },
          ]}
        />
        {unit === 'calendar' && (
          <SelectField<Values> id="term-rule" name="rule" label="Окончание срока" options={RULES} />
        )}
      </div>
      <FormFooter api={api} submit="Рассчитать срок" />
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
    </Form>
  );
}
