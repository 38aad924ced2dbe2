import type { ReactNode } from 'react';
import { useApiForm } from '../lib/use-api-form';
import { Dialog } from './Dialog';
import { Form, FormFooter } from './form/Form';

interface ConfirmDialogProps<TResult> {
  title: string;
  /** What will happen and what cannot be undone. */
  children: ReactNode;
  confirmLabel: string;
  confirm: () => Promise<TResult>;
  onDone: (result: TResult) => void;
  onClose: () => void;
  'data-testid'?: string;
}

/**
 * Asks before an action that cannot be undone (excluding a certification authority from the trusted
 * ones): says what will happen, and a refusal by the server stays in the dialog with its request id.
 */
export function ConfirmDialog<TResult>(props: ConfirmDialogProps<TResult>) {
  const api = useApiForm({
    defaultValues: {},
    toRequest: () => ({}),
    submit: () => props.confirm(),
    onSuccess: props.onDone,
  });
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <Form api={api} data-testid={props['data-testid']}>
        {props.children}
        <FormFooter
          api={api}
          submit={props.confirmLabel}
          submitClassName="btn btn-danger"
          onCancel={props.onClose}
        />
      </Form>
    </Dialog>
  );
}
