import {
  CreateJournalExtractSchema,
  EXTRACT_PAYLOAD_TITLES,
  EXTRACT_PAYLOADS,
  EXTRACT_SCOPE_KINDS,
  EXTRACT_SCOPE_TITLES,
  JOURNAL_VERIFIER_PAGE_URL,
  type CreateJournalExtract,
  type ExtractScopeKindName,
  type JournalExtract,
} from '@uslugi/contracts';
import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useCreateJournalExtract, useEmployees, useJournalExtracts } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { Field, SelectField, TextField } from '../../components/form/Field';
import { Form, FormFooter } from '../../components/form/Form';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useApiForm } from '../../lib/use-api-form';
import './journal-extracts.css';

type Payloads = (typeof EXTRACT_PAYLOADS)[number];

interface Values {
  scope: ExtractScopeKindName;
  /** The employee chosen in the form; a case or an applicant comes from the card (`Prefill`). */
  objectId: string;
  /** A case by its application's number, when the page is not opened from the case card. */
  registrationNumber: string;
  from: string;
  to: string;
  recipient: string;
  purpose: string;
  payloads: Payloads;
}

/** The object a card opened the page with: `?scope=case&objectId=…&label=…`. */
interface Prefill {
  scope: Exclude<ExtractScopeKindName, 'period'>;
  objectId: string;
  label: string;
}

function prefillOf(params: URLSearchParams): Prefill | null {
  const scope = params.get('scope');
  const objectId = params.get('objectId')?.trim();
  if (!objectId || !scope || scope === 'period') return null;
  if (!(EXTRACT_SCOPE_KINDS as readonly string[]).includes(scope)) return null;
  return {
    scope: scope as Prefill['scope'],
    objectId,
    label: params.get('label')?.trim() || objectId,
  };
}

function defaultsOf(prefill: Prefill | null): Values {
  return {
    scope: prefill?.scope ?? 'period',
    objectId: prefill?.scope === 'employee' ? prefill.objectId : '',
    registrationNumber: '',
    from: '',
    to: '',
    recipient: '',
    purpose: '',
    payloads: 'withheld',
  };
}

/** The form's values as the request: the object of the chosen scope only, empty dates left out. */
function toRequest(values: Values, prefill: Prefill | null): CreateJournalExtract {
  let objectId: string | undefined;
  if (values.scope === 'employee') objectId = values.objectId || undefined;
  else if (values.scope !== 'period' && prefill?.scope === values.scope) objectId = prefill.objectId;
  const registrationNumber =
    values.scope === 'case' && !objectId ? values.registrationNumber.trim() || undefined : undefined;
  return {
    scope: values.scope,
    objectId,
    registrationNumber,
    from: values.from || undefined,
    to: values.to || undefined,
    recipient: values.recipient.trim(),
    purpose: values.purpose.trim(),
    payloads: values.payloads,
  };
}

const CARD_OF: Record<'case' | 'applicant', string> = {
  case: 'дела',
  applicant: 'заявителя',
};

/** The case or applicant the extract is about: from the card, or a hint where to start it. */
function CardObject({ scope, prefill }: { scope: 'case' | 'applicant'; prefill: Prefill | null }) {
  const { getFieldState, formState } = useFormContext<Values>();
  const label = scope === 'case' ? 'Дело' : 'Заявитель';
  if (prefill?.scope === scope) {
    return (
      <Field name="objectId" id="extract-object" label={label} required>
        {(control) => <input {...control} readOnly value={prefill.label} />}
      </Field>
    );
  }
  if (scope === 'case') {
    return (
      <TextField<Values>
        name="registrationNumber"
        id="extract-registration-number"
        label="Номер заявления"
        required
        hint="Или начните выписку из карточки дела: кнопка «Выписка из журнала»."
      />
    );
  }
  const error = getFieldState('objectId', formState).error?.message;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <p className="muted extract-object-hint" data-testid="extract-object-hint">
        Выписку по заявителю начинают из карточки {CARD_OF[scope]}: кнопка «Выписка из журнала».
      </p>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

interface RadioOption {
  value: string;
  label: string;
}

function RadioGroup({
  name,
  legend,
  options,
  hint,
}: {
  name: 'scope' | 'payloads';
  legend: string;
  options: RadioOption[];
  hint?: string;
}) {
  const { register, getFieldState, formState } = useFormContext<Values>();
  const error = getFieldState(name, formState).error?.message;
  return (
    <fieldset
      className={error ? 'field field-invalid' : 'field'}
      aria-describedby={error ? `${name}-error` : hint ? `${name}-hint` : undefined}
    >
      <legend>{legend}</legend>
      <div className="checkbox-group">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input type="radio" value={option.value} {...register(name)} />
            {option.label}
          </label>
        ))}
      </div>
      {hint && !error && (
        <div className="field-hint" id={`${name}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${name}-error`}>
          {error}
        </div>
      )}
    </fieldset>
  );
}

const SCOPE_OPTIONS = EXTRACT_SCOPE_KINDS.map((kind) => ({ value: kind, label: EXTRACT_SCOPE_TITLES[kind] }));
const PAYLOAD_OPTIONS = EXTRACT_PAYLOADS.map((kind) => ({
  value: kind,
  label: EXTRACT_PAYLOAD_TITLES[kind],
}));

/** The two files of an extract: the PDF for people and the signed JSON anyone checks offline. */
function Downloads({ extract }: { extract: JournalExtract }) {
  return (
    <span className="extract-downloads">
      <a href={extract.pdfUrl} download>
        PDF
      </a>
      <a href={extract.bundleUrl} download>
        Файл для проверки (JSON)
      </a>
    </span>
  );
}

function ExtractForm({
  prefill,
  onMade,
}: {
  prefill: Prefill | null;
  onMade: (made: JournalExtract) => void;
}) {
  const create = useCreateJournalExtract();
  const api = useApiForm<Values, CreateJournalExtract, JournalExtract>({
    schema: CreateJournalExtractSchema,
    defaultValues: defaultsOf(prefill),
    toRequest: (values) => toRequest(values, prefill),
    submit: (request) => create.mutateAsync(request),
    onSuccess: (made) => {
      onMade(made);
      api.form.reset(defaultsOf(prefill));
    },
  });
  const scope = useWatch({ control: api.form.control, name: 'scope' });
  const employees = useEmployees('', scope === 'employee');
  const employeeOptions = (employees.data ?? []).map((employee) => ({
    value: employee.id,
    label: [employee.fullName, employee.orgUnitName, employee.blocked ? 'заблокирован' : null]
      .filter(Boolean)
      .join(', '),
  }));

  return (
    <Form api={api} aria-labelledby="extract-form-title" data-testid="journal-extract-form">
      <h2 className="panel-title" id="extract-form-title">
        Сформировать выписку
      </h2>
      <RadioGroup name="scope" legend="Что выписывается" options={SCOPE_OPTIONS} />
      {(scope === 'case' || scope === 'applicant') && <CardObject scope={scope} prefill={prefill} />}
      {scope === 'employee' && (
        <SelectField<Values>
          name="objectId"
          id="extract-employee"
          label="Сотрудник"
          required
          emptyLabel="— выберите сотрудника —"
          options={employeeOptions}
          hint={
            employees.error ? `Список сотрудников недоступен: ${errorMessage(employees.error)}` : undefined
          }
        />
      )}
      <div className="form-grid">
        <TextField<Values> name="from" label="Период с" type="date" required={scope === 'period'} />
        <TextField<Values> name="to" label="Период по" type="date" required={scope === 'period'} />
      </div>
      <TextField<Values>
        name="recipient"
        label="Для кого"
        required
        placeholder="например, Вахитовский районный суд г. Казани"
      />
      <TextField<Values>
        name="purpose"
        label="Основание и цель"
        required
        multiline
        placeholder="например, Запрос суда от 12.11.2026 № 2-1234/2026"
      />
      <RadioGroup
        name="payloads"
        legend="Подробности операций"
        options={PAYLOAD_OPTIONS}
        hint="Персональные данные в выписке ограничены её целью (152-ФЗ, ст. 5 ч. 5): подробности операций включайте, только если они нужны получателю."
      />
      <FormFooter
        api={api}
        submit="Сформировать выписку"
        pendingLabel="Формируется…"
        submitTestId="extract-submit"
      />
    </Form>
  );
}

/** How anyone checks an extract without access to the system. */
function HowToVerify() {
  return (
    <section className="panel" aria-labelledby="extract-verify-title">
      <h2 className="panel-title" id="extract-verify-title">
        Как проверить выписку без доступа к системе
      </h2>
      <ol className="extract-steps">
        <li>
          Сохраните файл для проверки (JSON) и{' '}
          <a href={JOURNAL_VERIFIER_PAGE_URL} download>
            страницу проверки выписки
          </a>{' '}
          (один файл HTML).
        </li>
        <li>
          Откройте страницу проверки в любом браузере — подключение к сети не нужно — и укажите на ней файл.
        </li>
        <li>
          Или выполните из исходного кода системы: <code>npx uslugi-journal-verify выписка.json</code>
        </li>
      </ol>
      <p className="muted">
        QR-код в PDF содержит SHA-256 файла для проверки: по нему видно, что PDF и файл — одна и та же
        выписка.
      </p>
    </section>
  );
}

/**
 * Extracts from the journal of operations for courts and control bodies (000 item 2.11): the form that
 * seals the journal and signs the extract, the extracts made, and how to check one offline. The same
 * page in the administration and the workplace; a case's or an applicant's card opens it with its object.
 */
export function JournalExtractsPage() {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const prefill = prefillOf(params);
  const extracts = useJournalExtracts();
  const [made, setMade] = useState<JournalExtract | null>(null);
  const inAdmin = pathname.startsWith('/admin/');

  return (
    <>
      {inAdmin && (
        <p>
          <Link to="/admin/journal">← Журнал операций</Link>
        </p>
      )}
      <div className="page-header">
        <h1>Выписки из журнала операций</h1>
      </div>
      {made && (
        <div data-testid="journal-extract-made">
          <Notice kind="success">
            Выписка № {made.number} сформирована, записей: {made.entryCount}. Скачать:{' '}
            <Downloads extract={made} />
          </Notice>
        </div>
      )}
      <section className="panel">
        {/* A new card's link opens the form anew with its object. */}
        <ExtractForm key={params.toString()} prefill={prefill} onMade={setMade} />
      </section>
      <section className="panel panel-flush" aria-labelledby="extract-list-title">
        <h2 className="panel-title panel-pad" id="extract-list-title">
          Сформированные выписки
        </h2>
        {extracts.error && <Notice kind="error">{errorMessage(extracts.error)}</Notice>}
        {!extracts.data && !extracts.error && <p className="muted panel-pad">Загрузка…</p>}
        {extracts.data && (
          <DataTable
            caption="Сформированные выписки"
            data-testid="journal-extracts"
            rows={extracts.data.items}
            rowKey={(extract) => extract.id}
            empty="Выписок пока не было."
            columns={[
              { header: '№', cell: (extract) => extract.number },
              { header: 'Сформирована', cell: (extract) => formatDateTime(extract.madeAt) },
              { header: 'Кто сформировал', cell: (extract) => extract.madeBy },
              {
                header: 'Для кого',
                cell: (extract) => (
                  <>
                    {extract.recipient}
                    <div className="muted">{extract.purpose}</div>
                  </>
                ),
              },
              { header: 'Что', cell: (extract) => extract.scopeLabel },
              { header: 'Записей', cell: (extract) => extract.entryCount },
              { header: 'Скачать', cell: (extract) => <Downloads extract={extract} /> },
            ]}
          />
        )}
      </section>
      <HowToVerify />
    </>
  );
}
