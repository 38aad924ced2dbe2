import {
  REFERENCE_ATTRIBUTE_SHAPES,
  REFERENCE_DIRECTORY_INFO,
  ReferenceEntryUpdateSchema,
  referenceCodeSchema,
  type ReferenceAttributes,
  type ReferenceDirectoryCode,
  type ReferenceEntry,
} from '@uslugi/contracts';
import { useMemo } from 'react';
import { z } from 'zod';
import { ApiError } from '../../../api/client';
import { useCreateReferenceEntry, useUpdateReferenceEntry } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { SelectField, TextField, type Option } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';

interface EntryDialogProps {
  directory: ReferenceDirectoryCode;
  /** null: a new value. */
  entry: ReferenceEntry | null;
  agencyOptions: Option[];
  unitOptions: Option[];
  onSaved: (entry: ReferenceEntry, created: boolean) => void;
  onClose: () => void;
}

interface Values {
  code: string;
  name: string;
  agency: string;
  answerAmount: string;
  answerUnit: string;
  clause: string;
  unitId: string;
}

type FlatRequest = { code?: string; name: string } & ReferenceAttributes;

const TERM_UNITS: Option[] = [
  { value: 'working_days', label: 'рабочих дней' },
  { value: 'calendar_days', label: 'календарных дней' },
];

/**
 * The form checks what the server checks: the name, the code (for a new value) and the attributes the
 * directory takes, flat, so that each message stands under its own field.
 */
function formSchema(directory: ReferenceDirectoryCode, creating: boolean) {
  return z.strictObject({
    ...(creating ? { code: referenceCodeSchema(directory) } : {}),
    name: ReferenceEntryUpdateSchema.shape.name,
    ...REFERENCE_ATTRIBUTE_SHAPES[directory],
  });
}

/** A refusal's `attributes.clause` belongs to the form's `clause`. */
function flattenFields(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = error.fields.map((f) => ({ ...f, path: f.path.replace(/^attributes\./, '') }));
  return new ApiError(
    error.status,
    { code: error.code, message: error.message, requestId: error.requestId ?? '', fields },
    error.message,
  );
}

/** Adding a value to a directory, or a new version of one: its name and attributes. */
export function EntryDialog({
  directory,
  entry,
  agencyOptions,
  unitOptions,
  onSaved,
  onClose,
}: EntryDialogProps) {
  const info = REFERENCE_DIRECTORY_INFO[directory];
  const creating = entry === null;
  const takes = (key: keyof ReferenceAttributes) => info.attributes.some((a) => a.key === key);
  const schema = useMemo(() => formSchema(directory, creating), [directory, creating]);
  const create = useCreateReferenceEntry();
  const update = useUpdateReferenceEntry();

  const api = useApiForm({
    schema,
    defaultValues: {
      code: entry?.code ?? '',
      name: entry?.name ?? '',
      agency: entry?.attributes.agency ?? '',
      answerAmount: entry?.attributes.answerTerm ? String(entry.attributes.answerTerm.amount) : '',
      answerUnit: entry?.attributes.answerTerm?.unit ?? 'working_days',
      clause: entry?.attributes.clause ?? '',
      unitId: entry?.attributes.unitId ?? '',
    } satisfies Values,
    toRequest: (values: Values): FlatRequest => {
      const request: FlatRequest = { name: values.name.trim() };
      if (creating) request.code = values.code.trim();
      if (takes('agency')) request.agency = values.agency || undefined;
      if (takes('answerTerm') && values.answerAmount.trim()) {
        const amount = values.answerAmount.trim();
        request.answerTerm = {
          amount: /^\d+$/.test(amount) ? Number(amount) : Number.NaN,
          unit: values.answerUnit as 'working_days' | 'calendar_days',
        };
      }
      if (takes('clause')) request.clause = values.clause.trim();
      if (takes('unitId')) request.unitId = values.unitId || undefined;
      return request;
    },
    fieldOf: { answerTerm: 'answerAmount' },
    submit: async ({ code, name, ...attributes }) => {
      try {
        if (entry) {
          return {
            saved: await update.mutateAsync({ id: entry.id, input: { name, attributes } }),
            created: false,
          };
        }
        const input = { code: code ?? '', name, attributes };
        return { saved: await create.mutateAsync({ directory, input }), created: true };
      } catch (error) {
        throw flattenFields(error);
      }
    },
    onSuccess: ({ saved, created }) => onSaved(saved, created),
  });

  return (
    <Dialog
      title={creating ? 'Новое значение справочника' : 'Изменение значения справочника'}
      onClose={onClose}
    >
      <Form api={api} data-testid="reference-entry-form">
        <p className="muted">
          {info.title}
          {!creating && ` · код ${entry.code} · изменение сохранится как версия ${entry.version + 1}`}
        </p>
        {creating && (
          <TextField<Values>
            name="code"
            label="Код"
            required
            hint={info.codeHint ?? 'Латинские буквы, цифры, «_», «.» и «-»; после сохранения не меняется'}
          />
        )}
        <TextField<Values> name="name" label="Наименование" required multiline />
        {takes('agency') && (
          <SelectField<Values>
            name="agency"
            label="Орган (организация)"
            required
            options={agencyOptions}
            emptyLabel="— выберите —"
          />
        )}
        {takes('answerTerm') && (
          <div className="form-grid">
            <TextField<Values>
              name="answerAmount"
              label="Срок ответа"
              inputMode="numeric"
              hint={info.attributes.find((a) => a.key === 'answerTerm')?.hint}
            />
            <SelectField<Values> name="answerUnit" label="Единица срока" options={TERM_UNITS} />
          </div>
        )}
        {takes('clause') && (
          <TextField<Values>
            name="clause"
            label="Норма"
            required
            hint={info.attributes.find((a) => a.key === 'clause')?.hint}
          />
        )}
        {takes('unitId') && (
          <SelectField<Values>
            name="unitId"
            label="Подразделение"
            required
            options={unitOptions}
            emptyLabel="— выберите —"
          />
        )}
        <FormFooter
          api={api}
          submit={creating ? 'Добавить' : 'Сохранить новую версию'}
          submitTestId="reference-entry-submit"
          onCancel={onClose}
        />
      </Form>
    </Dialog>
  );
}
