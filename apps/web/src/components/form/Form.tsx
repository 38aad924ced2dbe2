import type { ReactNode } from 'react';
import { FormSchemaContext } from './schema-context';
import { FormProvider, type FieldValues } from 'react-hook-form';
import type { ApiForm, GeneralError } from '../../lib/use-api-form';
import './form.css';

interface FormProps<TValues extends FieldValues> {
  api: ApiForm<TValues>;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'data-testid'?: string;
}

/** A form of the one pattern (`useApiForm`): its fields find the form through the context. */
export function Form<TValues extends FieldValues>({ api, children, className, ...rest }: FormProps<TValues>) {
  return (
    <FormProvider {...api.form}>
      <FormSchemaContext.Provider value={api.schema}>
        <form
          className={className ?? 'form'}
          noValidate
          onSubmit={(event) => void api.onSubmit(event)}
          {...rest}
        >
          {children}
        </form>
      </FormSchemaContext.Provider>
    </FormProvider>
  );
}

/** The general error above the buttons: the server's message and the request's id to quote. */
export function FormAlert({ error }: { error: GeneralError | string | null }) {
  if (!error) return null;
  const { message, requestId } = typeof error === 'string' ? { message: error, requestId: null } : error;
  return (
    <div className="notice notice-error" role="alert">
      {message}
      {requestId && <div className="notice-meta">Номер запроса: {requestId}</div>}
    </div>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

interface SubmitButtonProps {
  api: { pending: boolean };
  children: ReactNode;
  /** The label while the request is on its way. */
  pendingLabel?: string;
  className?: string;
  disabled?: boolean;
  /** Runs before the form is sent (which of two buttons sent it). */
  onClick?: () => void;
  'data-testid'?: string;
}

/** Disabled while the form is being sent, so a double click sends once. */
export function SubmitButton({
  api,
  children,
  pendingLabel,
  className,
  disabled,
  ...rest
}: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={className ?? 'btn btn-primary'}
      disabled={api.pending || disabled}
      {...rest}
    >
      {api.pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

interface FormFooterProps {
  api: { pending: boolean; general: GeneralError | null };
  /** The submit button's label. */
  submit: ReactNode;
  pendingLabel?: string;
  submitClassName?: string;
  submitDisabled?: boolean;
  submitTestId?: string;
  /** Adds «Отмена», disabled while the form is being sent. */
  onCancel?: () => void;
}

/** The end of every form: the general error, then the submit button (and «Отмена» where there is one). */
export function FormFooter(props: FormFooterProps) {
  const { api, onCancel } = props;
  return (
    <>
      <FormAlert error={api.general} />
      <FormActions>
        <SubmitButton
          api={api}
          pendingLabel={props.pendingLabel}
          className={props.submitClassName}
          disabled={props.submitDisabled}
          data-testid={props.submitTestId}
        >
          {props.submit}
        </SubmitButton>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel} disabled={api.pending}>
            Отмена
          </button>
        )}
      </FormActions>
    </>
  );
}
