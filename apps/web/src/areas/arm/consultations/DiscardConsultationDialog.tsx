import { ConsultationDiscardSchema, type Consultation } from '@uslugi/contracts';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import { useDiscardConsultation } from './api';

interface Values {
  reason: string;
}

/** «Отменить»: an unfinished consultation registered by mistake; the reason is optional. */
export function DiscardConsultationDialog({
  consultation,
  onDiscarded,
  onClose,
}: {
  consultation: Consultation;
  onDiscarded: (consultation: Consultation) => void;
  onClose: () => void;
}) {
  const discard = useDiscardConsultation();
  const api = useApiForm({
    schema: ConsultationDiscardSchema,
    defaultValues: { reason: '' } satisfies Values,
    toRequest: (values: Values) => ({ reason: values.reason.trim() === '' ? null : values.reason.trim() }),
    submit: ({ reason }) => discard.mutateAsync({ id: consultation.id, reason }),
    onSuccess: onDiscarded,
  });
  return (
    <Dialog title="Отменить консультацию" onClose={onClose}>
      <Form api={api} data-testid="consultation-discard-form">
        <p>Консультация «{consultation.service.name}» будет отменена: её нельзя будет завершить.</p>
        <TextField<Values> name="reason" label="Причина отмены" multiline />
        <FormFooter
          api={api}
          submit="Отменить консультацию"
          submitClassName="btn btn-danger"
          onCancel={onClose}
        />
      </Form>
    </Dialog>
  );
}
