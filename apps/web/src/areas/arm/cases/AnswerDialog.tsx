import { RecordAnswerSchema, type CaseCommandResult } from '@uslugi/contracts';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import { useAnswerRequest } from './api';

interface Values {
  answer: string;
}

/**
 * «Внести ответ»: an inter-agency answer received otherwise than through SMEV (on paper, by e-mail),
 * or the answer of the unit an intra-agency request is addressed to.
 */
export function AnswerDialog(props: {
  caseId: string;
  /** The request answered: its id, name, addressee and question. */
  request: { id: string; name: string; addressee: string; question: string | null };
  onDone: (result: CaseCommandResult) => void;
  onClose: () => void;
}) {
  const answer = useAnswerRequest(props.caseId, props.request.id);
  const api = useApiForm({
    schema: RecordAnswerSchema,
    defaultValues: { answer: '' },
    toRequest: (values: Values) => ({ answer: values.answer.trim() }),
    submit: (request) => answer(request.answer),
    onSuccess: props.onDone,
  });
  return (
    <Dialog title="Внести ответ" onClose={props.onClose}>
      <Form api={api} data-testid="answer-form">
        <p>
          {props.request.name} — {props.request.addressee}
        </p>
        {props.request.question && <p className="muted">Запрос: {props.request.question}</p>}
        <TextField<Values> id="request-answer" name="answer" label="Ответ" required multiline />
        <FormFooter api={api} submit="Внести ответ" onCancel={props.onClose} />
      </Form>
    </Dialog>
  );
}
