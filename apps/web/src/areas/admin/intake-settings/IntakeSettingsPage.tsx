import { formatRegistrationNumber, NumberFormatSchema } from '@uslugi/contracts';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { Notice } from '../../../components/Notice';
import { useSession } from '../../../auth/session-context';
import { errorMessage } from '../../../lib/errors';
import { todayIso } from '../../../lib/format';
import { hasPermission } from '../../../lib/roles';
import { useApiForm } from '../../../lib/use-api-form';
import { useIntakeSettings, useSaveIntakeSettings, type IntakeSettings } from './api';
import './intake-settings.css';

/** What each token of the format stands for. */
export const TOKENS: { token: string; meaning: string }[] = [
  { token: '{seq}', meaning: 'порядковый номер заявления в году, без пропусков' },
  { token: '{seq:N}', meaning: 'порядковый номер, дополненный нулями слева до N цифр ({seq:5} → 00001)' },
  { token: '{yyyy}', meaning: 'год регистрации, четыре цифры' },
  { token: '{yy}', meaning: 'год регистрации, две последние цифры' },
  { token: '{mm}', meaning: 'месяц регистрации, две цифры' },
  { token: '{dd}', meaning: 'день регистрации, две цифры' },
  { token: '{service}', meaning: 'код услуги из каталога' },
];

/** The example of the preview: the 1st and 123rd applications of today, for the service «gpzu». */
export function previewNumbers(format: string, today = todayIso()): string[] {
  return [1, 123].map((seq) => formatRegistrationNumber(format, { seq, date: today, serviceCode: 'gpzu' }));
}

interface Values {
  format: string;
}

/** «Регистрационные номера»: the format of the municipality's registration numbers. */
export function IntakeSettingsPage() {
  const { data, error, isPending } = useIntakeSettings();
  return (
    <>
      <div className="page-header">
        <h1>Регистрационные номера</h1>
      </div>
      <p className="muted">
        Номер присваивается заявлению при нажатии «Принять» — на бумажном приёме и при рассмотрении
        электронного заявления. Нумерация ведётся отдельно в каждом году, без пропусков.
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {isPending && !error && <p className="muted">Загрузка…</p>}
      {data && <FormatForm settings={data} />}
    </>
  );
}

function FormatForm({ settings }: { settings: IntakeSettings }) {
  const { user } = useSession();
  const canEdit = hasPermission(user, 'intake.settings');
  const save = useSaveIntakeSettings();
  const [saved, setSaved] = useState<IntakeSettings | null>(null);
  const api = useApiForm({
    schema: NumberFormatSchema,
    defaultValues: { format: settings.format },
    toRequest: (values: Values) => ({ format: values.format.trim() }),
    submit: ({ format }) => save.mutateAsync(format),
    onSuccess: (result) => setSaved(result),
  });
  const format = useWatch({ control: api.form.control, name: 'format' });
  const valid = NumberFormatSchema.safeParse({ format: format.trim() }).success;
  return (
    <section className="panel">
      <Form api={api} aria-label="Настройка регистрационных номеров" data-testid="intake-number-format">
        <TextField<Values>
          name="format"
          label="Формат регистрационного номера"
          required
          disabled={!canEdit}
          hint="Например, {seq:5}/{yyyy} — номер 00001/2026."
        />
        <div className="intake-preview" aria-live="polite" data-testid="intake-number-preview">
          <b>Так будут выглядеть номера: </b>
          {valid ? previewNumbers(format.trim()).join(', ') : 'формат должен содержать {seq}'}
        </div>
        {saved && <Notice kind="success">Формат сохранён. Пример номера: {saved.example}.</Notice>}
        {canEdit && <FormFooter api={api} submit="Сохранить" />}
      </Form>
      <h2>Что можно указать в формате</h2>
      <dl className="intake-tokens">
        {TOKENS.map(({ token, meaning }) => (
          <div key={token}>
            <dt>
              <code>{token}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Другие символы (дробь, дефис, буквы) выводятся как есть.</p>
    </section>
  );
}
