import type { Field as FormField, FieldType } from '@uslugi/contracts';
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { Field } from '../form/Field';
import { controlId } from './values';

/** What a one-line control of a type takes: its input type, keyboard, length and a default hint. */
interface InputKind {
  type: 'text' | 'date' | 'tel' | 'email';
  inputMode?: 'numeric' | 'decimal' | 'text';
  maxLength?: number;
  autoComplete?: string;
  hint?: string;
}

// The limits follow the forms' own schema (`line().max(1000)` for a value) and the identifiers' lengths.
const INPUT_KINDS: Partial<Record<FieldType, InputKind>> = {
  text: { type: 'text', maxLength: 1000 },
  number: { type: 'text', inputMode: 'decimal', maxLength: 30 },
  date: { type: 'date' },
  address: { type: 'text', maxLength: 1000 },
  cadastral_number: { type: 'text', maxLength: 40, hint: 'Например, 16:50:011105:123' },
  snils: { type: 'text', inputMode: 'numeric', maxLength: 14, hint: '11 цифр, например 112-233-445 95' },
  inn: {
    type: 'text',
    inputMode: 'numeric',
    maxLength: 12,
    hint: '10 цифр у организации, 12 — у гражданина и индивидуального предпринимателя',
  },
  ogrn: { type: 'text', inputMode: 'numeric', maxLength: 15, hint: '13 цифр (ОГРН) или 15 (ОГРНИП)' },
  phone: { type: 'tel', maxLength: 20, autoComplete: 'tel', hint: 'Например, +7 900 123-45-67' },
  email: { type: 'email', maxLength: 254, autoComplete: 'email' },
};

/** The hint shown under a control: the definition's, the type's, and in a preview when it is shown. */
export function hintOf(
  own: string | null | undefined,
  type: FieldType,
  note: string | null,
): string | undefined {
  const parts = [own || INPUT_KINDS[type]?.hint, note].filter(Boolean);
  return parts.length > 0 ? parts.join('. ') : undefined;
}

export interface ControlSpec {
  /** The form path: a field key or `applicant.inn`. */
  path: string;
  label: string;
  type: FieldType;
  required: boolean;
  hint?: string | undefined;
  options?: ReadonlyArray<{ value: string; label: string }> | null;
  multiple?: boolean;
  maxLength?: number | null | undefined;
}

/** A field of the definition (not a block): its control by type. */
export function FieldControl({
  field,
  idPrefix,
  note,
}: {
  field: FormField;
  idPrefix: string;
  note: string | null;
}) {
  return (
    <Control
      idPrefix={idPrefix}
      spec={{
        path: field.key,
        label: field.label,
        type: field.type,
        required: field.required,
        hint: hintOf(field.hint, field.type, note),
        options: field.options,
        multiple: field.multiple,
        maxLength: field.validation?.maxLength,
      }}
    />
  );
}

/** A control of any non-block type, labelled, with its hint and error. */
export function Control({ spec, idPrefix }: { spec: ControlSpec; idPrefix: string }) {
  const { register } = useFormContext();
  const id = controlId(idPrefix, spec.path);
  const options = spec.options ?? [];
  switch (spec.type) {
    case 'checkbox':
      return <CheckboxField spec={spec} id={id} />;
    case 'choice':
      if (spec.multiple || options.length <= 5) return <ChoiceGroup spec={spec} id={id} />;
      return (
        <Field name={spec.path} label={spec.label} id={id} required={spec.required} hint={spec.hint}>
          {(control) => (
            <select {...control} {...register(spec.path)}>
              <option value="">Выберите…</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'file':
      return <FilesField spec={spec} id={id} />;
    case 'textarea':
      return (
        <Field name={spec.path} label={spec.label} id={id} required={spec.required} hint={spec.hint}>
          {(control) => (
            <textarea {...control} {...register(spec.path)} rows={4} maxLength={spec.maxLength ?? 4000} />
          )}
        </Field>
      );
    default: {
      const kind = INPUT_KINDS[spec.type] ?? { type: 'text', maxLength: 1000 };
      return (
        <Field name={spec.path} label={spec.label} id={id} required={spec.required} hint={spec.hint}>
          {(control) => (
            <input
              {...control}
              {...register(spec.path)}
              type={kind.type}
              inputMode={kind.inputMode}
              autoComplete={kind.autoComplete ?? 'off'}
              maxLength={spec.maxLength ?? kind.maxLength}
            />
          )}
        </Field>
      );
    }
  }
}

/** The error of a path, and the ids its controls point at. */
function useFieldError(path: string, id: string, hint: string | undefined) {
  const { getFieldState, formState } = useFormContext();
  const error = getFieldState(path, formState).error?.message;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return { error, describedBy };
}

function HintAndError({
  id,
  hint,
  error,
}: {
  id: string;
  hint: string | undefined;
  error: string | undefined;
}) {
  return (
    <>
      {hint && !error && (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
    </>
  );
}

function CheckboxField({ spec, id }: { spec: ControlSpec; id: string }) {
  const { register } = useFormContext();
  const { error, describedBy } = useFieldError(spec.path, id, spec.hint);
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="checkbox">
        <input
          type="checkbox"
          id={id}
          {...register(spec.path)}
          aria-invalid={error ? true : undefined}
          aria-required={spec.required ? true : undefined}
          aria-describedby={describedBy}
        />
        {spec.label}
        {spec.required && (
          <span className="required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <HintAndError id={id} hint={spec.hint} error={error} />
    </div>
  );
}

/** A group of controls under one name: its legend is the field's label. */
export function Group(props: {
  id: string;
  label: string;
  required: boolean;
  error: string | undefined;
  hint: string | undefined;
  describedBy: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className={`field ${props.className ?? ''} ${props.error ? 'field-invalid' : ''}`.trim()}
      aria-describedby={props.describedBy}
    >
      <legend>
        {props.label}
        {props.required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {props.children}
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
    </fieldset>
  );
}

/** One of a few options as radio buttons, or several as checkboxes. */
function ChoiceGroup({ spec, id }: { spec: ControlSpec; id: string }) {
  const { register } = useFormContext();
  const { error, describedBy } = useFieldError(spec.path, id, spec.hint);
  const options = spec.options ?? [];
  return (
    <Group
      id={id}
      label={spec.label}
      required={spec.required}
      error={error}
      hint={spec.hint}
      describedBy={describedBy}
    >
      <div className="choice-options">
        {options.map((option, index) => (
          <label key={option.value} className="checkbox">
            <input
              type={spec.multiple ? 'checkbox' : 'radio'}
              // The first option takes the field's id: a problem's focus lands on the group.
              id={index === 0 ? id : `${id}--${index}`}
              value={option.value}
              {...register(spec.path)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
            {option.label}
          </label>
        ))}
      </div>
    </Group>
  );
}

/**
 * Files to attach: the names of the chosen files stand for them until the application is sent (the
 * upload comes with the intake of applications).
 */
function FilesField({ spec, id }: { spec: ControlSpec; id: string }) {
  const { setValue, watch } = useFormContext();
  const chosen = (watch(spec.path) as string[] | undefined) ?? [];
  return (
    <Field name={spec.path} label={spec.label} id={id} required={spec.required} hint={spec.hint}>
      {(control) => (
        <>
          <input
            {...control}
            type="file"
            multiple={spec.multiple}
            onChange={(event) =>
              setValue(
                spec.path,
                Array.from(event.target.files ?? []).map((file) => file.name),
                { shouldValidate: true, shouldDirty: true },
              )
            }
          />
          {chosen.length > 0 && <div className="muted files-chosen">Выбрано: {chosen.join(', ')}</div>}
        </>
      )}
    </Field>
  );
}
