import type { CaseCard, CaseRequestView } from '@uslugi/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { JournalExtractLink } from '../../journal-extracts/links';
import { TechMapDiagram } from '../../../components/tech-map-diagram/TechMapDiagram';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { AnswerDialog } from './AnswerDialog';
import { useCase } from './api';
import { CaseActions } from './CaseActions';
import { CaseDocuments } from './CaseDocuments';
import { Decisions, Requests, StageHistory, Timeline } from './CaseSections';
import { TermText } from './TermText';
import './cases.css';

function Header({ card }: { card: CaseCard }) {
  const rows: Array<[string, React.ReactNode]> = [
    ['Услуга', card.service.name],
    [
      'Состояние',
      card.status === 'open' ? (
        <>В работе — этап «{card.stage.name}»</>
      ) : (
        <b>{card.outcomeTitle ?? 'Завершено'}</b>
      ),
    ],
    [
      'Заявление',
      `${card.application.statusTitle}, ${card.application.channel === 'portal' ? 'с портала' : 'на бумаге'}`,
    ],
    ['Заявитель', card.applicant?.name ?? '—'],
  ];
  if (card.representative) rows.push(['Представитель', card.representative.name]);
  rows.push(['Подразделение', card.orgUnit?.name ?? '—']);
  rows.push([
    'Исполнитель',
    card.executor ? (
      <>
        {card.executor.name}
        {card.assignedAt && <span className="muted"> с {formatDateTime(card.assignedAt)}</span>}
      </>
    ) : (
      <span className="muted">не назначен</span>
    ),
  ]);
  rows.push(['Открыто', formatDateTime(card.openedAt)]);
  if (card.closedAt) rows.push(['Завершено', formatDateTime(card.closedAt)]);
  rows.push(['Срок предоставления услуги', <TermText key="term" term={card.term} withDate />]);
  if (card.stageTerm) rows.push(['Срок этапа', <TermText key="stage-term" term={card.stageTerm} withDate />]);
  return (
    <section className="panel">
      <dl className="arm-facts" data-testid="case-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * The case card (000 items 3.4, 3.5; 004 item 8): where the case is on its pinned map, its terms,
 * decisions, requests, documents and journal, and the buttons the viewer may press now.
 */
export function CaseCardPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const { data: card, error } = useCase(id);
  const [notice, setNotice] = useState<string | null>(null);
  const [answering, setAnswering] = useState<CaseRequestView | null>(null);
  return (
    <>
      <p>
        <Link to="/arm/cases">← Дела</Link>
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!card && !error && <p className="muted">Загрузка…</p>}
      {card && (
        <>
          <div className="page-header">
            <h1>Дело № {card.registrationNumber}</h1>
            <JournalExtractLink scope="case" objectId={card.id} label={`Дело № ${card.registrationNumber}`} />
          </div>
          {notice && <Notice kind="success">{notice}</Notice>}
          <Header card={card} />
          <CaseActions card={card} onNotice={setNotice} />
          <Decisions card={card} />
          <section className="panel" aria-labelledby="case-map-title">
            <h2 className="panel-title" id="case-map-title">
              Технологическая схема
            </h2>
            <TechMapDiagram
              techMap={card.techMap}
              currentStage={card.status === 'open' ? card.stage.key : undefined}
            />
          </section>
          <StageHistory card={card} />
          <Requests card={card} user={user} onAnswer={setAnswering} />
          <CaseDocuments caseId={card.id} />
          <Timeline card={card} />
          {answering && (
            <AnswerDialog
              caseId={card.id}
              request={answering}
              onDone={() => {
                setAnswering(null);
                setNotice('Ответ внесён.');
              }}
              onClose={() => setAnswering(null)}
            />
          )}
        </>
      )}
    </>
  );
}
