import {
  CONSULTATION_CHANNELS,
  CONSULTATION_CHANNEL_TITLES,
  ConsultationStartSchema,
  type ApplicantRecord,
  type Consultation,
  type ConsultationStart,
} from '@uslugi/contracts';
import { useMemo, useState } from 'react';
import { ApplicantPicker } from '../../../components/applicant-picker';
import { useCatalogServices, useReferenceEntries } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { SelectField, type Option } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { useApiForm } from '../../../lib/use-api-form';
import { useRegisterConsultation } from './api';
import { MomentField } from './MomentField';
import { momentOf } from './moments';

interface Values {
  channel: string;
  serviceId: string;
  subject: string;
  startedAt: string;
  applicantId: string;
  representativeId: string;
}

/**
 * The services a consultation may be about: those with a version in force that are offered, each
 * service followed by its sub-services.
 */
export function useServiceOptions(): Option[] {
  const services = useCatalogServices();
  return useMemo(() => {
    const items = (services.data?.items ?? []).filter((s) => s.offered && s.current);
    const tops = items.filter((s) => s.parentId === null);
    const options: Option[] = [];
    for (const top of tops) {
      options.push({ value: top.id, label: top.name });
      for (const sub of items.filter((s) => s.parentId === top.id)) {
        options.push({ value: sub.id, label: `— ${sub.name}` });
      }
    }
    // A sub-service whose service is not offered still shows.
    for (const orphan of items.filter((s) => s.parentId !== null && !tops.some((t) => t.id === s.parentId))) {
      options.push({ value: orphan.id, label: orphan.name });
    }
    return options;
  }, [services.data]);
}

/** «Зарегистрировать консультацию» (000 item 3.1): the channel, the service, the subject, the start. */
export function RegisterConsultationDialog({
  onRegistered,
  onClose,
}: {
  onRegistered: (consultation: Consultation) => void;
  onClose: () => void;
}) {
  const register = useRegisterConsultation();
  const serviceOptions = useServiceOptions();
  const subjects = useReferenceEntries('consultation_subjects');
  const subjectOptions = (subjects.data ?? [])
    .filter((e) => e.state === 'active')
    .map((e) => ({ value: e.code, label: e.name }));
  const api = useApiForm({
    schema: ConsultationStartSchema,
    defaultValues: {
      channel: 'in_person',
      serviceId: '',
      subject: '',
      startedAt: '',
      applicantId: '',
      representativeId: '',
    } satisfies Values,
    toRequest: (values: Values): ConsultationStart => ({
      channel: values.channel as ConsultationStart['channel'],
      applicantId: values.applicantId || null,
      representativeId: values.representativeId || null,
      serviceId: values.serviceId,
      subject: values.subject,
      startedAt: momentOf(values.startedAt),
    }),
    submit: (request) => register.mutateAsync(request),
    onSuccess: onRegistered,
  });
  // The applicant and the representative are optional: a caller who gives no name is consulted too.
  const [applicant, setApplicant] = useState<ApplicantRecord | null>(null);
  const [representative, setRepresentative] = useState<ApplicantRecord | null>(null);
  const pick = (field: 'applicantId' | 'representativeId', record: ApplicantRecord | null) => {
    (field === 'applicantId' ? setApplicant : setRepresentative)(record);
    api.form.setValue(field, record?.id ?? '');
    if (field === 'applicantId' && record === null) pick('representativeId', null);
  };
  const applicantError = api.form.formState.errors.applicantId?.message;
  const representativeError = api.form.formState.errors.representativeId?.message;
  return (
    <Dialog title="Зарегистрировать консультацию" onClose={onClose}>
      <Form api={api} data-testid="consultation-start-form">
        <SelectField<Values>
          name="channel"
          label="Способ обращения"
          required
          options={CONSULTATION_CHANNELS.map((c) => ({ value: c, label: CONSULTATION_CHANNEL_TITLES[c] }))}
        />
        <SelectField<Values>
          name="serviceId"
          label="Муниципальная услуга"
          required
          emptyLabel="Выберите услугу"
          options={serviceOptions}
        />
        <SelectField<Values>
          name="subject"
          label="Предмет консультации"
          required
          emptyLabel="Выберите предмет"
          options={subjectOptions}
        />
        <ApplicantPicker
          label="Заявитель (если назвался)"
          value={applicant}
          onChange={(record) => pick('applicantId', record)}
        />
        {applicantError && <div className="field-error">{applicantError}</div>}
        {applicant && (
          <ApplicantPicker
            label="Представитель заявителя"
            kinds={['individual']}
            value={representative}
            onChange={(record) => pick('representativeId', record)}
          />
        )}
        {representativeError && <div className="field-error">{representativeError}</div>}
        <MomentField<Values>
          name="startedAt"
          label="Начало консультации"
          hint="Заполните, только если консультация вносится позже; иначе — текущее время"
        />
        <FormFooter
          api={api}
          submit="Зарегистрировать консультацию"
          pendingLabel="Регистрация…"
          onCancel={onClose}
        />
      </Form>
    </Dialog>
  );
}
