import { IntakeRefusalSchema, type Ground } from '@uslugi/contracts';
import { useFormContext } from 'react-hook-form';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import type { Refusal } from './api';
import './applications.css';

interface RefusalDialogProps<TResult> {
  /** The service's grounds to refuse intake (its card: the regulation's exhaustive list). */
  grounds: readonly Ground[];
  /** What is refused, above the grounds. */
  subject: string;
  send: (refusal: Refusal) => Promise<TResult>;
  onDone: (result: TResult) => void;
  onClose: () => void;
}

interface Values {
  grounds: string[];
  comment: string;
}

/**
 * «Отказать»: a refusal of intake names its grounds from the service's list (210-ФЗ ст. 7 ч. 1 п. 1,
 * ст. 14) and says why in a comment (000 п. 3.3: «указать причину отказа»), both required.
 */
export function RefusalDialog<TResult>(props: RefusalDialogProps<TResult>) {
  const api = useApiForm({
    schema: IntakeRefusalSchema,
    defaultValues: { grounds: [], comment: '' },
    toRequest: (values: Values) => ({
      grounds: Array.isArray(values.grounds) ? values.grounds : [],
      comment: values.comment.trim(),
    }),
    submit: (request) => props.send(request),
    onSuccess: props.onDone,
  });
  return (
    <Dialog title="Отказ в приёме документов" onClose={props.onClose} data-testid="refusal-dialog">
      <Form api={api} aria-label="Отказ в приёме документов">
        <p>{props.subject}</p>
        {props.grounds.length === 0 ? (
          <p className="notice notice-warn">
            В карточке услуги нет оснований для отказа в приёме документов: отказать нельзя.
          </p>
        ) : (
          <GroundsField grounds={props.grounds} />
        )}
        <TextField<Values>
          id="refusal-comment"
          name="comment"
          label="Комментарий"
          required
          multiline
          hint="Что именно не так: например, какая скан-копия нечитаема."
        />
        <FormFooter
          api={api}
          submit="Отказать"
          submitClassName="btn btn-danger"
          submitDisabled={props.grounds.length === 0}
          onCancel={props.onClose}
        />
      </Form>
    </Dialog>
  );
}

function GroundsField({ grounds }: { grounds: readonly Ground[] }) {
  const { register, getFieldState, formState } = useFormContext<Values>();
  const error = getFieldState('grounds', formState).error?.message;
  return (
    <fieldset
      className={error ? 'field field-invalid' : 'field'}
      aria-describedby={error ? 'refusal-grounds-error' : undefined}
    >
      <legend>
        Основания для отказа{' '}
        <span className="required" aria-hidden="true">
          *
        </span>
      </legend>
      <ul className="refusal-grounds">
        {grounds.map((ground) => (
          <li key={ground.key}>
            <label className="checkbox">
              <input type="checkbox" value={ground.key} {...register('grounds')} />
              <span>
                {ground.text}
                {ground.clause && <span className="muted"> ({ground.clause})</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <div className="field-error" id="refusal-grounds-error">
          {error}
        </div>
      )}
    </fieldset>
  );
}
