import { fieldMaxLength } from '@uslugi/contracts';
import { useContext, useEffect, useRef, type ReactNode } from 'react';
import { useController, useFormContext, type FieldValues, type Path } from 'react-hook-form';
import { FormSchemaContext } from './schema-context';

export interface Option {
  value: string;
  label: string;
}

interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-required': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  /** The form field whose error is shown. */
  name: string;
  label: string;
  /** The control's id; the field's name when omitted. */
  id?: string | undefined;
  required?: boolean | undefined;
  hint?: string | undefined;
  /** Where the error goes for the browser journey (`data-testid`). */
  errorTestId?: string | undefined;
  /** Renders the control with its id and aria attributes. */
  children: (control: ControlProps) => ReactNode;
  /** After the control (an inline «add» for a select). */
  extra?: ReactNode;
}

/**
 * A labelled control with its hint and, under it, its error; the control gets aria-invalid and
 * aria-describedby pointing at what is shown.
 */
export function Field({ name, label, id = name, required, hint, errorTestId, children, extra }: FieldProps) {
  const { getFieldState, formState } = useFormContext();
  const error = getFieldState(name, formState).error?.message;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <div className="field-label">
        {/* The asterisk stays outside the label so the control's name is exactly the label;
            aria-required tells assistive technology instead. */}
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-required': required ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {extra}
      {hint && !error && (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`} data-testid={errorTestId}>
          {error}
        </div>
      )}
    </div>
  );
}

type Common<TValues extends FieldValues> = {
  name: Path<TValues>;
  label: string;
  id?: string;
  required?: boolean;
  hint?: string | undefined;
  disabled?: boolean;
};

interface TextFieldProps<TValues extends FieldValues> extends Common<TValues> {
  type?: 'text' | 'email' | 'search' | 'date' | 'password';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  multiline?: boolean;
  /** The most characters the field takes; by default the request schema's `.max()` for this name. */
  maxLength?: number;
}

export function TextField<TValues extends FieldValues>(props: TextFieldProps<TValues>) {
  const { register } = useFormContext<TValues>();
  const schema = useContext(FormSchemaContext);
  const { name, type = 'text', multiline } = props;
  // Typing stops at the limit the server enforces, rather than an error after sending.
  const maxLength = props.maxLength ?? (type === 'date' ? undefined : fieldMaxLength(schema, [name]));
  return (
    <Field name={name} label={props.label} id={props.id} required={props.required} hint={props.hint}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            {...register(name)}
            rows={3}
            maxLength={maxLength}
            disabled={props.disabled}
          />
        ) : (
          <input
            {...control}
            {...register(name)}
            type={type}
            autoComplete={props.autoComplete ?? 'off'}
            inputMode={props.inputMode}
            placeholder={props.placeholder}
            maxLength={maxLength}
            disabled={props.disabled}
          />
        )
      }
    </Field>
  );
}

interface SelectFieldProps<TValues extends FieldValues> extends Common<TValues> {
  options: Option[];
  /** Label of the empty choice; omit to require a choice. */
  emptyLabel?: string;
  extra?: ReactNode;
}

export function SelectField<TValues extends FieldValues>(props: SelectFieldProps<TValues>) {
  const { register } = useFormContext<TValues>();
  const { name, options, emptyLabel } = props;
  return (
    <Field
      name={name}
      label={props.label}
      id={props.id}
      required={props.required}
      hint={props.hint}
      extra={props.extra}
    >
      {(control) => (
        <select {...control} {...register(name)} disabled={props.disabled}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface FileFieldProps<TValues extends FieldValues> extends Common<TValues> {
  accept?: string;
  errorTestId?: string;
  /** Called with the chosen file as well (to read it, to reset a preview). */
  onChosen?: (file: File | null) => void;
}

/** A file input: the form value is the chosen `File` or null; a reset of the form clears the input. */
export function FileField<TValues extends FieldValues>(props: FileFieldProps<TValues>) {
  const { field } = useController<TValues>({ name: props.name });
  const input = useRef<HTMLInputElement | null>(null);
  const empty = !field.value;
  useEffect(() => {
    // A file input keeps its file until told: cleared with the form's value (after a save, a reset).
    if (empty && input.current) input.current.value = '';
  }, [empty]);
  return (
    <Field
      name={props.name}
      label={props.label}
      id={props.id}
      required={props.required}
      hint={props.hint}
      errorTestId={props.errorTestId}
    >
      {(control) => (
        <input
          {...control}
          type="file"
          accept={props.accept}
          name={field.name}
          ref={(element) => {
            input.current = element;
            field.ref(element);
          }}
          onBlur={field.onBlur}
          onChange={(event) => {
            const file = event.target.files?.[0] ?? null;
            field.onChange(file);
            props.onChosen?.(file);
          }}
        />
      )}
    </Field>
  );
}
