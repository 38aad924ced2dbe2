import { CONSULTATION_CHANNEL_TITLES, CONSULTATION_STATE_TITLES } from '@uslugi/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useConsultation } from './api';
import { DiscardConsultationDialog } from './DiscardConsultationDialog';
import { FinishConsultationDialog } from './FinishConsultationDialog';
import { ServiceFacts } from './ServiceFacts';
import './consultations.css';

/**
 * One consultation: who, what, when; while it is open, the facts of the service's card the employee
 * explains (000 item 3.1), then «Завершить консультацию».
 */
export function ConsultationPage() {
  const { id = '' } = useParams();
  const detail = useConsultation(id);
  const [dialog, setDialog] = useState<'finish' | 'discard' | null>(null);
  if (detail.isPending) return <p className="muted">Загрузка…</p>;
  if (detail.isError) return <Notice kind="error">{errorMessage(detail.error)}</Notice>;
  const { consultation: c, facts, canFinish } = detail.data;
  return (
    <>
      <p>
        <Link to="/arm/consultations">← Консультации</Link>
      </p>
      <h1>Консультация</h1>
      <section className="panel" data-testid="consultation-details">
        <dl className="facts">
          <dt>Состояние</dt>
          <dd>
            {CONSULTATION_STATE_TITLES[c.state]}
            {c.lateEntry && <span className="badge-late"> · Внесено с опозданием</span>}
          </dd>
          <dt>Муниципальная услуга</dt>
          <dd>{c.service.name}</dd>
          <dt>Предмет консультации</dt>
          <dd>{c.subject.name}</dd>
          <dt>Способ обращения</dt>
          <dd>{CONSULTATION_CHANNEL_TITLES[c.channel]}</dd>
          <dt>Заявитель</dt>
          <dd>{c.applicant?.name ?? '—'}</dd>
          {c.representative && (
            <>
              <dt>Представитель</dt>
              <dd>{c.representative.name}</dd>
            </>
          )}
          <dt>Сотрудник</dt>
          <dd>{c.employee.name}</dd>
          <dt>Начало</dt>
          <dd>{formatDateTime(c.startedAt)}</dd>
          {c.endedAt && (
            <>
              <dt>Окончание</dt>
              <dd>{formatDateTime(c.endedAt)}</dd>
            </>
          )}
          {c.state === 'finished' && (
            <>
              <dt>Разъяснённые документы</dt>
              <dd>{c.explainedDocuments.map((d) => d.name).join('; ') || '—'}</dd>
              <dt>Срок и основания для отказа разъяснены</dt>
              <dd>{c.termExplained ? 'Да' : 'Нет'}</dd>
              <dt>Содержание консультации</dt>
              <dd className="pre-wrap">{c.summary}</dd>
            </>
          )}
        </dl>
        {canFinish && (
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={() => setDialog('finish')}>
              Завершить консультацию
            </button>
            <button type="button" className="btn" onClick={() => setDialog('discard')}>
              Отменить
            </button>
          </div>
        )}
      </section>
      {facts && c.state === 'open' && <ServiceFacts facts={facts} />}
      {dialog === 'finish' && (
        <FinishConsultationDialog
          consultation={c}
          facts={facts}
          onFinished={() => setDialog(null)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'discard' && (
        <DiscardConsultationDialog
          consultation={c}
          onDiscarded={() => setDialog(null)}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
