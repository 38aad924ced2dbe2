import { CaseDecisionSchema, type CaseActionView, type CaseCommandResult } from '@uslugi/contracts';
import { useFormContext } from 'react-hook-form';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import { useCaseCommand } from './api';

interface Values {
  grounds: string[] | string | false;
  text: string;
}

/** react-hook-form gives one checkbox's value as a string, none as false. */
const chosen = (value: Values['grounds']): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];

export const NO_GROUNDS = 'Выберите хотя бы одно основание для отказа из перечня';

/**
 * 000 item 3.4: the executor decides. A refusal names its grounds from the service's exhaustive list
 * (210-ФЗ ст. 7 ч. 1 п. 1) and both state the decision in words; the draft goes to the official.
 */
export function DecisionDialog(props: {
  caseId: string;
  action: CaseActionView;
  onDone: (result: CaseCommandResult) => void;
  onClose: () => void;
}) {
  const { action } = props;
  const refusal = action.decision === 'refuse';
  const command = useCaseCommand(props.caseId, 'decision');
  const api = useApiForm({
    schema: CaseDecisionSchema,
    defaultValues: { grounds: [], text: '' },
    toRequest: (values: Values) => ({
      actionKey: action.key,
      grounds: refusal ? chosen(values.grounds) : [],
      text: values.text.trim(),
    }),
    check: (values) => (refusal && chosen(values.grounds).length === 0 ? { grounds: NO_GROUNDS } : {}),
    submit: (request) => command.run(request),
    onSuccess: props.onDone,
  });
  return (
    <Dialog title={action.label} onClose={props.onClose} data-testid="decision-dialog">
      <Form api={api} aria-label={action.label} data-testid="decision-form">
        <p>
          {refusal
            ? 'Проект решения об отказе в предоставлении услуги будет направлен на подписание ответственному должностному лицу.'
            : 'Проект решения о предоставлении услуги будет направлен на подписание ответственному должностному лицу.'}
        </p>
        {refusal &&
          (action.grounds.length === 0 ? (
            <p className="notice notice-warn">
              В карточке услуги нет оснований для отказа в предоставлении услуги: отказать нельзя.
            </p>
          ) : (
            <GroundsField grounds={action.grounds} />
          ))}
        <TextField<Values>
          id="decision-text"
          name="text"
          label="Текст решения"
          required
          multiline
          hint={refusal ? 'Почему отказано: что именно не соответствует требованиям.' : undefined}
        />
        <FormFooter
          api={api}
          submit={action.label}
          submitClassName={refusal ? 'btn btn-danger' : 'btn btn-primary'}
          submitDisabled={refusal && action.grounds.length === 0}
          onCancel={props.onClose}
        />
      </Form>
    </Dialog>
  );
}

function GroundsField({ grounds }: { grounds: CaseActionView['grounds'] }) {
  const { register, getFieldState, formState } = useFormContext<Values>();
  const error = getFieldState('grounds', formState).error?.message;
  return (
    <fieldset
      className={error ? 'field field-invalid' : 'field'}
      aria-describedby={error ? 'decision-grounds-error' : undefined}
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
              <span>{ground.text}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <div className="field-error" id="decision-grounds-error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}
