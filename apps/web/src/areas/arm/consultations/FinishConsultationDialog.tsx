import {
  ConsultationFinishSchema,
  type Consultation,
  type ConsultationFinish,
  type ConsultationServiceFacts,
} from '@uslugi/contracts';
import { useFormContext } from 'react-hook-form';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import { useFinishConsultation } from './api';
import { MomentField } from './MomentField';
import { momentOf } from './moments';

interface Values {
  explainedDocuments: string[] | string | false;
  termExplained: boolean;
  summary: string;
  endedAt: string;
}

/** Checkboxes give an array, one checkbox its value or false: always the array of keys. */
function keysOf(value: Values['explainedDocuments']): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

function DocumentChecks({ facts }: { facts: ConsultationServiceFacts | null }) {
  const { register } = useFormContext<Values>();
  const documents = facts?.applicantDocuments ?? [];
  if (documents.length === 0) return null;
  return (
    <fieldset className="field">
      <legend>Разъяснённые документы</legend>
      {documents.map((d) => (
        <label key={d.key} className="checkbox">
          <input type="checkbox" value={d.key} {...register('explainedDocuments')} /> {d.name}
        </label>
      ))}
    </fieldset>
  );
}

/** «Завершить консультацию» (000 item 3.1): the end and what the service asks at the end. */
export function FinishConsultationDialog({
  consultation,
  facts,
  onFinished,
  onClose,
}: {
  consultation: Consultation;
  facts: ConsultationServiceFacts | null;
  onFinished: (consultation: Consultation) => void;
  onClose: () => void;
}) {
  const finish = useFinishConsultation();
  const api = useApiForm({
    schema: ConsultationFinishSchema,
    defaultValues: { explainedDocuments: [], termExplained: false, summary: '', endedAt: '' },
    toRequest: (values: Values): ConsultationFinish => ({
      explainedDocuments: keysOf(values.explainedDocuments),
      termExplained: values.termExplained,
      summary: values.summary.trim(),
      endedAt: momentOf(values.endedAt),
    }),
    submit: (input) => finish.mutateAsync({ id: consultation.id, input }),
    onSuccess: onFinished,
  });
  return (
    <Dialog title="Завершить консультацию" onClose={onClose}>
      <Form api={api} data-testid="consultation-finish-form">
        <p>
          {consultation.service.name}. {consultation.subject.name}.
        </p>
        <DocumentChecks facts={facts} />
        <label className="checkbox">
          <input type="checkbox" {...api.form.register('termExplained')} /> Разъяснены срок предоставления
          услуги и основания для отказа
        </label>
        <TextField<Values> name="summary" label="Содержание консультации" required multiline />
        <MomentField<Values>
          name="endedAt"
          label="Окончание консультации"
          hint="Заполните, только если консультация завершается позже; иначе — текущее время"
        />
        <FormFooter api={api} submit="Завершить консультацию" pendingLabel="Сохранение…" onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
