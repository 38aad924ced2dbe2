import { CaseSettingsSchema, type CaseSettings } from '@uslugi/contracts';
import { useState } from 'react';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { useApiForm } from '../../../lib/use-api-form';
import { useCaseSettings, useSaveCaseSettings } from './api';

interface Values {
  warnWorkingDays: string;
}

/**
 * «Контроль сроков»: how many working days ahead the executor and the head are told that a term ends
 * (004 items 10, 11); the same days make a case «Срок истекает» in the worklists.
 */
export function CaseSettingsPage() {
  const { data, error, isPending } = useCaseSettings();
  return (
    <>
      <div className="page-header">
        <h1>Контроль сроков</h1>
      </div>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {isPending && !error && <p className="muted">Загрузка…</p>}
      {data && <SettingsForm settings={data} />}
    </>
  );
}

function SettingsForm({ settings }: { settings: CaseSettings }) {
  const save = useSaveCaseSettings();
  const [saved, setSaved] = useState(false);
  const api = useApiForm({
    schema: CaseSettingsSchema,
    defaultValues: { warnWorkingDays: String(settings.warnWorkingDays) },
    toRequest: (values: Values) => ({
      warnWorkingDays: /^\d+$/.test(values.warnWorkingDays.trim())
        ? Number(values.warnWorkingDays.trim())
        : values.warnWorkingDays,
    }),
    submit: (request) => save.mutateAsync(request as CaseSettings),
    onSuccess: () => setSaved(true),
  });
  return (
    <section className="panel">
      <Form api={api} aria-label="Контроль сроков" data-testid="case-settings-form">
        <TextField<Values>
          id="warn-working-days"
          name="warnWorkingDays"
          label="За сколько рабочих дней предупреждать об истечении срока"
          inputMode="numeric"
          required
          hint="От 0 до 30. Исполнитель и руководитель получают уведомление, дело попадает в список «Срок истекает»."
        />
        {saved && <Notice kind="success">Настройка сохранена.</Notice>}
        <FormFooter api={api} submit="Сохранить" />
      </Form>
    </section>
  );
}
