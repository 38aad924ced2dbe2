import type { ReactNode } from 'react';

interface FieldShellProps {
  id: string;
  label: string;
  error?: string | undefined;
  required?: boolean;
  hint?: string;
  children: ReactNode;
}

function FieldShell({ id, label, error, required, hint, children }: FieldShellProps) {
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
      {children}
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
    </div>
  );
}

function describedBy(id: string, error: string | undefined, hint: string | undefined): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  required?: boolean;
  hint?: string;
  type?: 'text' | 'email' | 'search' | 'date' | 'password';
  autoComplete?: string;
  placeholder?: string;
  disabled?: boolean;
  multiline?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, error, required, hint, type = 'text', multiline } = props;
  const common = {
    id,
    name: id,
    value,
    disabled: props.disabled,
    placeholder: props.placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-required': required ? true : undefined,
    'aria-describedby': describedBy(id, error, hint),
  };
  return (
    <FieldShell id={id} label={label} error={error} required={required} hint={hint}>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={props.autoComplete ?? 'off'}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  /** Label of the empty choice; omit to require a choice. */
  emptyLabel?: string;
  error?: string | undefined;
  required?: boolean;
  hint?: string;
  disabled?: boolean;
  children?: ReactNode;
}

export function SelectField(props: SelectFieldProps) {
  const { id, label, value, onChange, options, emptyLabel, error, required, hint } = props;
  return (
    <FieldShell id={id} label={label} error={error} required={required} hint={hint}>
      <select
        id={id}
        name={id}
        value={value}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.children}
    </FieldShell>
  );
}

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      {message}
    </div>
  );
}
