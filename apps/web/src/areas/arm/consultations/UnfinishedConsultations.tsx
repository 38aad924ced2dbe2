import type { Consultation } from '@uslugi/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/format';
import { hasPermission } from '../../../lib/roles';
import { useConsultation, useUnfinishedConsultations } from './api';
import { DiscardConsultationDialog } from './DiscardConsultationDialog';
import { FinishConsultationDialog } from './FinishConsultationDialog';

/** The finish dialog opened from a list: the card's facts are read first (the documents to tick). */
function FinishFromList({ consultation, onClose }: { consultation: Consultation; onClose: () => void }) {
  const detail = useConsultation(consultation.id);
  if (detail.isPending) return null;
  return (
    <FinishConsultationDialog
      consultation={consultation}
      facts={detail.data?.facts ?? null}
      onFinished={onClose}
      onClose={onClose}
    />
  );
}

/**
 * The employee's unfinished consultations (000 item 3.1: one interrupted by a failure is found here at
 * the next sign-in and finished), each with «Завершить консультацию» and «Отменить».
 */
export function UnfinishedConsultations() {
  const { user } = useSession();
  const allowed = hasPermission(user, 'consultations.conduct');
  const unfinished = useUnfinishedConsultations(allowed);
  const [finishing, setFinishing] = useState<Consultation | null>(null);
  const [discarding, setDiscarding] = useState<Consultation | null>(null);
  const items = unfinished.data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <section className="panel consultations-unfinished" aria-labelledby="unfinished-title">
      <Notice kind="warn">
        <h2 id="unfinished-title">Незавершённые консультации</h2>
        <p>Завершите консультации, которые были прерваны, или отмените зарегистрированные по ошибке.</p>
        <ul className="unfinished-list" data-testid="unfinished-consultations">
          {items.map((c) => (
            <li key={c.id}>
              <Link to={`/arm/consultations/${c.id}`}>{c.service.name}</Link>{' '}
              <span className="muted">
                {c.subject.name}, начата {formatDateTime(c.startedAt)}
                {c.applicant ? `, ${c.applicant.name}` : ''}
              </span>{' '}
              <button type="button" className="btn btn-primary" onClick={() => setFinishing(c)}>
                Завершить консультацию
              </button>{' '}
              <button type="button" className="btn" onClick={() => setDiscarding(c)}>
                Отменить
              </button>
            </li>
          ))}
        </ul>
      </Notice>
      {finishing && <FinishFromList consultation={finishing} onClose={() => setFinishing(null)} />}
      {discarding && (
        <DiscardConsultationDialog
          consultation={discarding}
          onDiscarded={() => setDiscarding(null)}
          onClose={() => setDiscarding(null)}
        />
      )}
    </section>
  );
}
