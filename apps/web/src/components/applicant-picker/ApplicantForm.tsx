import {
  ApplicantRecordInputSchema,
  type ApplicantKind,
  type ApplicantMatch,
  type ApplicantRecord,
  type ApplicantRecordInput,
} from '@uslugi/contracts';
import { useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { ApiError } from '../../api/client';
import { Form, FormActions, FormAlert, SubmitButton } from '../form/Form';
import { SelectField, TextField } from '../form/Field';
import { useApiForm } from '../../lib/use-api-form';
import { useCreateApplicant, useUpdateApplicant } from './api';
import { birthDateOf, KIND_TITLES, maskedIdentifiers } from './identifiers';

/** The form's values: every field of every kind, as strings. */
export interface ApplicantFormValues {
  kind: ApplicantKind;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  snils: string;
  inn: string;
  ogrnip: string;
  docSeries: string;
  docNumber: string;
  docIssuedBy: string;
  docIssuedOn: string;
  docDivisionCode: string;
  registrationAddress: string;
  residenceAddress: string;
  organizationName: string;
  shortName: string;
  ogrn: string;
  kpp: string;
  headName: string;
  headPosition: string;
  legalAddress: string;
  phone: string;
  email: string;
}

const EMPTY: ApplicantFormValues = {
  kind: 'individual',
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  snils: '',
  inn: '',
  ogrnip: '',
  docSeries: '',
  docNumber: '',
  docIssuedBy: '',
  docIssuedOn: '',
  docDivisionCode: '',
  registrationAddress: '',
  residenceAddress: '',
  organizationName: '',
  shortName: '',
  ogrn: '',
  kpp: '',
  headName: '',
  headPosition: '',
  legalAddress: '',
  phone: '',
  email: '',
};

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** A record's data as the form's values (editing). */
export function valuesOf(record: ApplicantRecord): ApplicantFormValues {
  const d = record.data;
  const doc = (d.identityDocument ?? {}) as Record<string, unknown>;
  const values = { ...EMPTY, kind: record.kind };
  for (const key of Object.keys(EMPTY) as (keyof ApplicantFormValues)[]) {
    if (key !== 'kind' && typeof d[key] === 'string') values[key] = d[key];
  }
  values.docSeries = str(doc.series);
  values.docNumber = str(doc.number);
  values.docIssuedBy = str(doc.issuedBy);
  values.docIssuedOn = str(doc.issuedOn);
  values.docDivisionCode = str(doc.divisionCode);
  return values;
}

const t = (value: string) => value.trim();
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The form's strings as the request: empty optional fields are null, the document only when numbered. */
export function toInput(v: ApplicantFormValues): ApplicantRecordInput {
  const contacts = { phone: orNull(v.phone), email: orNull(v.email) };
  if (v.kind === 'legal_entity') {
    return {
      kind: 'legal_entity',
      organizationName: t(v.organizationName),
      shortName: orNull(v.shortName),
      ogrn: t(v.ogrn),
      inn: t(v.inn),
      kpp: t(v.kpp),
      headName: t(v.headName),
      headPosition: orNull(v.headPosition),
      legalAddress: orNull(v.legalAddress),
      ...contacts,
    };
  }
  const document =
    v.docSeries.trim() || v.docNumber.trim()
      ? {
          type: 'passport_rf',
          series: t(v.docSeries),
          number: t(v.docNumber),
          issuedBy: t(v.docIssuedBy),
          issuedOn: t(v.docIssuedOn),
          divisionCode: t(v.docDivisionCode),
        }
      : null;
  const person = {
    lastName: t(v.lastName),
    firstName: t(v.firstName),
    middleName: orNull(v.middleName),
    birthDate: t(v.birthDate),
    snils: orNull(v.snils),
    identityDocument: document,
    registrationAddress: orNull(v.registrationAddress),
    residenceAddress: orNull(v.residenceAddress),
    ...contacts,
  };
  if (v.kind === 'sole_proprietor') {
    return { kind: 'sole_proprietor', ...person, inn: t(v.inn), ogrnip: t(v.ogrnip) };
  }
  return { kind: 'individual', ...person, inn: orNull(v.inn) };
}

/** The request's `identityDocument.*` messages belong to the document's fields. */
const FIELD_OF = {
  identityDocument: 'docNumber',
} as const;

/** A refusal of the create request names `record.snils`: the form's field is `snils`. */
function unwrapRecordFields(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const body = (error.body ?? null) as ConstructorParameters<typeof ApiError>[1];
  if (!body) return error;
  const fields = error.fields.map((f) => ({ ...f, path: f.path.replace(/^record\./, '') }));
  return new ApiError(error.status, { ...body, fields }, error.message);
}

interface ApplicantFormProps {
  /** Editing this record; a new one otherwise. */
  record?: ApplicantRecord | null;
  /** The kinds one may create (a representative: individuals only). */
  kinds?: readonly ApplicantKind[];
  onSaved: (record: ApplicantRecord) => void;
  onCancel?: () => void;
}

/**
 * Registers an applicant or corrects a record: the kind's fields, checked by the contracts' schema
 * with Russian messages naming the field (ИНН, ОГРН, ОГРНИП, КПП, СНИЛС). Before a new record is
 * made, the registry's likely duplicates are shown: pick one, or confirm it is another person.
 */
export function ApplicantForm({ record, kinds, onSaved, onCancel }: ApplicantFormProps) {
  const create = useCreateApplicant();
  const update = useUpdateApplicant();
  const [duplicates, setDuplicates] = useState<ApplicantMatch[] | null>(null);
  // Which button sent the form: a ref, read by the submit of this very click.
  const confirmed = useRef(false);
  const allowed =
    kinds && kinds.length > 0 ? kinds : (['individual', 'sole_proprietor', 'legal_entity'] as const);
  const api = useApiForm<ApplicantFormValues, ApplicantRecordInput, ApplicantRecord | null>({
    schema: ApplicantRecordInputSchema,
    defaultValues: record ? valuesOf(record) : { ...EMPTY, kind: allowed[0] ?? 'individual' },
    toRequest: toInput,
    fieldOf: FIELD_OF,
    submit: async (input) => {
      try {
        if (record) return await update.mutateAsync({ id: record.id, input });
        return await create.mutateAsync({ record: input, duplicatesSeen: confirmed.current });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'applicant_duplicates') {
          const items = (error.body as { items?: ApplicantMatch[] } | null)?.items ?? [];
          setDuplicates(items);
          return null;
        }
        throw unwrapRecordFields(error);
      }
    },
    onSuccess: (saved) => {
      if (saved) onSaved(saved);
    },
  });
  const kind = useWatch({ control: api.form.control, name: 'kind' });
  const person = kind !== 'legal_entity';

  return (
    <Form
      api={api}
      aria-label={record ? 'Сведения о заявителе' : 'Новый заявитель'}
      data-testid="applicant-form"
    >
      {!record && allowed.length > 1 && (
        <SelectField<ApplicantFormValues>
          name="kind"
          label="Вид заявителя"
          required
          options={allowed.map((k) => ({ value: k, label: KIND_TITLES[k] }))}
        />
      )}
      {person ? (
        <>
          <TextField<ApplicantFormValues> name="lastName" label="Фамилия" required />
          <TextField<ApplicantFormValues> name="firstName" label="Имя" required />
          <TextField<ApplicantFormValues> name="middleName" label="Отчество" />
          <TextField<ApplicantFormValues> name="birthDate" label="Дата рождения" type="date" required />
          <TextField<ApplicantFormValues>
            name="snils"
            label="СНИЛС"
            placeholder="123-456-789 01"
            inputMode="numeric"
          />
          <TextField<ApplicantFormValues>
            name="inn"
            label="ИНН"
            inputMode="numeric"
            required={kind === 'sole_proprietor'}
            maxLength={12}
          />
          {kind === 'sole_proprietor' && (
            <TextField<ApplicantFormValues>
              name="ogrnip"
              label="ОГРНИП"
              inputMode="numeric"
              required
              maxLength={15}
            />
          )}
          <fieldset className="form-group">
            <legend>Паспорт гражданина РФ</legend>
            <TextField<ApplicantFormValues>
              name="docSeries"
              label="Серия"
              inputMode="numeric"
              maxLength={20}
            />
            <TextField<ApplicantFormValues>
              name="docNumber"
              label="Номер"
              inputMode="numeric"
              maxLength={30}
            />
            <TextField<ApplicantFormValues> name="docIssuedBy" label="Кем выдан" maxLength={500} />
            <TextField<ApplicantFormValues> name="docIssuedOn" label="Дата выдачи" type="date" />
            <TextField<ApplicantFormValues>
              name="docDivisionCode"
              label="Код подразделения"
              placeholder="123-456"
              maxLength={7}
            />
          </fieldset>
          <TextField<ApplicantFormValues>
            name="registrationAddress"
            label="Адрес регистрации"
            maxLength={1000}
          />
          <TextField<ApplicantFormValues>
            name="residenceAddress"
            label="Адрес места жительства"
            maxLength={1000}
          />
        </>
      ) : (
        <>
          <TextField<ApplicantFormValues> name="organizationName" label="Полное наименование" required />
          <TextField<ApplicantFormValues> name="shortName" label="Сокращённое наименование" />
          <TextField<ApplicantFormValues>
            name="ogrn"
            label="ОГРН"
            inputMode="numeric"
            required
            maxLength={13}
          />
          <TextField<ApplicantFormValues>
            name="inn"
            label="ИНН"
            inputMode="numeric"
            required
            maxLength={10}
          />
          <TextField<ApplicantFormValues> name="kpp" label="КПП" required maxLength={9} />
          <TextField<ApplicantFormValues> name="headName" label="Руководитель (ФИО)" required />
          <TextField<ApplicantFormValues> name="headPosition" label="Должность руководителя" />
          <TextField<ApplicantFormValues>
            name="legalAddress"
            label="Адрес юридического лица"
            maxLength={1000}
          />
        </>
      )}
      <TextField<ApplicantFormValues> name="phone" label="Телефон" maxLength={30} />
      <TextField<ApplicantFormValues> name="email" label="Электронная почта" type="email" maxLength={254} />
      {duplicates && duplicates.length > 0 && (
        <div className="notice notice-warn" role="alert" data-testid="applicant-duplicates">
          <p>
            <strong>Возможно, заявитель уже есть в реестре</strong>
          </p>
          <ul className="applicant-duplicates">
            {duplicates.map((match) => (
              <li key={match.record.id}>
                <span>
                  {match.record.displayName}
                  {birthDateOf(match.record) ? `, ${birthDateOf(match.record)}` : ''}
                  {maskedIdentifiers(match.record).length > 0
                    ? ` — ${maskedIdentifiers(match.record).join(', ')}`
                    : ''}
                  {match.matchedBy !== 'name' ? ' (совпадает идентификатор)' : ''}
                </span>{' '}
                <button type="button" className="btn btn-small" onClick={() => onSaved(match.record)}>
                  Выбрать
                </button>
              </li>
            ))}
          </ul>
          <SubmitButton
            api={api}
            className="btn"
            onClick={() => (confirmed.current = true)}
            data-testid="applicant-not-duplicate"
          >
            Это другой человек — создать
          </SubmitButton>
        </div>
      )}
      <FormAlert error={api.general} />
      <FormActions>
        <SubmitButton api={api} pendingLabel="Сохранение…" onClick={() => (confirmed.current = false)}>
          {record ? 'Сохранить' : 'Внести в реестр'}
        </SubmitButton>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Отмена
          </button>
        )}
      </FormActions>
    </Form>
  );
}
