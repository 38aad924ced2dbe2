import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useApiForm } from '../lib/use-api-form';
import { Dialog } from './Dialog';
import { TextField } from './form/Field';
import { Form, FormFooter } from './form/Form';

interface ReasonDialogProps<TResult> {
  title: string;
  /** What will happen, above the field. */
  children: ReactNode;
  /** The contracts' schema of the request `{ reason }`. */
  schema: z.ZodType;
  label: string;
  fieldId?: string;
  submitLabel: string;
  send: (reason: string) => Promise<TResult>;
  onDone: (result: TResult) => void;
  onClose: () => void;
  'data-testid'?: string;
}

interface Values {
  reason: string;
}

/** A dialog that asks why (blocking an employee, revoking a certificate): the journal keeps the reason. */
export function ReasonDialog<TResult>(props: ReasonDialogProps<TResult>) {
  const api = useApiForm({
    schema: props.schema,
    defaultValues: { reason: '' },
    toRequest: (values: Values) => ({ reason: values.reason.trim() }),
    submit: ({ reason }) => props.send(reason),
    onSuccess: props.onDone,
  });
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <Form api={api} data-testid={props['data-testid']}>
        {props.children}
        <TextField<Values> id={props.fieldId} name="reason" label={props.label} required multiline />
        <FormFooter
          api={api}
          submit={props.submitLabel}
          submitClassName="btn btn-danger"
          onCancel={props.onClose}
        />
      </Form>
    </Dialog>
  );
}
