import { CaseActionSchema, type CaseActionView, type CaseCommandResult } from '@uslugi/contracts';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import { useCaseCommand } from './api';

interface Values {
  comment: string;
}

/**
 * A plain move of the map (004 item 8: «Сведения получены», «Результат выдан (направлен)»): the
 * employee confirms it, with a comment for the journal where they have one to make.
 */
export function MoveDialog(props: {
  caseId: string;
  action: CaseActionView;
  nextStage: string | null;
  onDone: (result: CaseCommandResult) => void;
  onClose: () => void;
}) {
  const { action } = props;
  const command = useCaseCommand(props.caseId, 'actions');
  const api = useApiForm({
    schema: CaseActionSchema,
    defaultValues: { comment: '' },
    toRequest: (values: Values) => ({
      actionKey: action.key,
      ...(values.comment.trim() ? { comment: values.comment.trim() } : {}),
    }),
    check: (values) =>
      action.reasonRequired && !values.comment.trim() ? { comment: 'Укажите причину' } : {},
    submit: (request) => command.run(request),
    onSuccess: props.onDone,
  });
  return (
    <Dialog title={action.label} onClose={props.onClose}>
      <Form api={api} data-testid="case-move-form">
        <p>
          Выполнить действие «{action.label}»
          {props.nextStage ? <> — дело перейдёт на этап «{props.nextStage}»</> : null}?
        </p>
        <TextField<Values>
          id="case-move-comment"
          name="comment"
          label={action.reasonRequired ? 'Причина' : 'Комментарий'}
          required={action.reasonRequired}
          multiline
        />
        <FormFooter api={api} submit={action.label} onCancel={props.onClose} />
      </Form>
    </Dialog>
  );
}
