import type { CaseCard, CaseRequestView, SessionUser } from '@uslugi/contracts';
import { formatDateTime } from '../../../lib/format';
import { caseDocumentUrl } from './api';
import { ANSWER_CHANNEL_TITLES, DECISION_STATUS_TITLES, REQUEST_KIND_TITLES } from './labels';
import { TermText } from './TermText';

/** The stages the case has passed and the one it is at, each with its term (004 item 8). */
export function StageHistory({ card }: { card: CaseCard }) {
  return (
    <section className="panel" aria-labelledby="case-stages-title">
      <h2 className="panel-title" id="case-stages-title">
        Этапы
      </h2>
      <ol className="case-stages" data-testid="case-stages">
        {card.stages.map((run, index) => (
          <li key={`${run.stageKey}-${index}`} className={run.leftAt ? '' : 'case-stage-current'}>
            <b>{run.name}</b> — с {formatDateTime(run.enteredAt)}
            {run.leftAt ? ` по ${formatDateTime(run.leftAt)}` : ' (текущий этап)'}
            {run.term && (
              <>
                {' · '}
                <TermText term={run.term} withDate />
              </>
            )}
            {run.action && (
              <div>
                «{run.action.label}»{run.actor ? `, ${run.actor.name}` : ''}
                {run.comment && <span className="muted"> — {run.comment}</span>}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Decisions of the executor and what the official did with them (000 items 3.4, 3.5). */
export function Decisions({ card }: { card: CaseCard }) {
  if (card.decisions.length === 0) return null;
  const last = card.decisions[card.decisions.length - 1];
  return (
    <section className="panel" aria-labelledby="case-decisions-title" data-testid="case-decisions">
      <h2 className="panel-title" id="case-decisions-title">
        Решения
      </h2>
      {last?.status === 'returned' && (
        <div className="notice notice-warn case-returned" role="status" data-testid="case-returned">
          <b>Решение возвращено на доработку</b>
          {last.reviewedBy && (
            <>
              {' '}
              ({last.reviewedBy.name}
              {last.reviewedAt ? `, ${formatDateTime(last.reviewedAt)}` : ''})
            </>
          )}
          <p className="case-return-reason">Причина: {last.returnReason ?? '—'}</p>
        </div>
      )}
      <ol className="case-decisions">
        {card.decisions.map((decision) => (
          <li key={decision.id}>
            <b>{decision.actionLabel}</b> — {DECISION_STATUS_TITLES[decision.status]}
            <div className="muted">
              {decision.decidedBy.name}, {formatDateTime(decision.decidedAt)}
              {decision.reviewedBy &&
                ` · рассмотрел ${decision.reviewedBy.name}${decision.reviewedAt ? `, ${formatDateTime(decision.reviewedAt)}` : ''}`}
            </div>
            {decision.grounds.length > 0 && (
              <ul>
                {decision.grounds.map((ground) => (
                  <li key={ground.key}>{ground.text}</li>
                ))}
              </ul>
            )}
            <p className="case-decision-text">{decision.text}</p>
            {decision.status === 'returned' && decision.returnReason && (
              <p>
                <b>Причина возврата:</b> {decision.returnReason}
              </p>
            )}
            {decision.draftDocumentId && (
              <a href={caseDocumentUrl(card.id, decision.draftDocumentId)} download>
                Скачать проект решения
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * May the viewer enter the answer: the executor an inter-agency answer received outside SMEV; an
 * employee of the addressed unit an intra-agency one. The server checks it again.
 */
export function canAnswer(card: CaseCard, request: CaseRequestView, user: SessionUser | null): boolean {
  if (!user || card.status !== 'open') return false;
  if (request.status === 'answered' || request.status === 'cancelled') return false;
  if (request.kind === 'interagency') return card.executor?.id === user.id;
  return user.orgUnitName !== null && user.orgUnitName === request.addressee;
}

export function Requests(props: {
  card: CaseCard;
  user: SessionUser | null;
  onAnswer: (request: CaseRequestView) => void;
}) {
  const { card } = props;
  if (card.requests.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="case-requests-title">
      <h2 className="panel-title" id="case-requests-title">
        Запросы
      </h2>
      <ul className="case-requests" data-testid="case-requests">
        {card.requests.map((request) => (
          <li key={request.id} data-testid={`case-request-${request.id}`}>
            <b>{request.name}</b> — {request.addressee}{' '}
            <span className="muted">({REQUEST_KIND_TITLES[request.kind]})</span>
            <div>
              {request.statusTitle}
              {(request.sentAt ?? request.smev?.sentAt) &&
                `, направлен ${formatDateTime(request.sentAt ?? request.smev?.sentAt ?? '')}`}
              {request.term && request.status !== 'answered' && (
                <>
                  {' · '}
                  <TermText term={request.term} withDate />
                </>
              )}
            </div>
            {request.smev && <SmevExchange state={request.smev} />}
            {request.answer !== null && (
              <div className="case-answer">
                Ответ{request.answerChannel ? ` (${ANSWER_CHANNEL_TITLES[request.answerChannel]})` : ''}
                {request.answeredAt ? `, ${formatDateTime(request.answeredAt)}` : ''}
                {request.answeredBy ? `, ${request.answeredBy.name}` : ''}: {request.answer}
              </div>
            )}
            {canAnswer(card, request, props.user) && (
              <button type="button" className="btn" onClick={() => props.onAnswer(request)}>
                Внести ответ
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A request's exchange through SMEV: its MessageID, a failure, the answer's data as the provider gave it. */
function SmevExchange({ state }: { state: NonNullable<CaseRequestView['smev']> }) {
  return (
    <div className="case-smev" data-testid="case-request-smev">
      <div className="muted">
        СМЭВ, MessageID <code>{state.messageId}</code>
        {state.answeredAt ? `; ответ ${formatDateTime(state.answeredAt)}` : ''}
      </div>
      {state.error && state.status !== 'answered' && (
        <div className="field-error" role="status">
          {state.error}
        </div>
      )}
      {state.answer && (
        <>
          <div>{state.answer.summary}</div>
          {state.answer.fields.length > 0 && (
            <dl className="case-smev-fields">
              {state.answer.fields.map((f, i) => (
                <div key={`${f.label}-${i}`}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
    </div>
  );
}

/** The journal of the case, newest last, in Russian (004 item 8). */
export function Timeline({ card }: { card: CaseCard }) {
  return (
    <section className="panel" aria-labelledby="case-timeline-title">
      <h2 className="panel-title" id="case-timeline-title">
        Журнал дела
      </h2>
      {card.timeline.length === 0 ? (
        <p className="muted">Записей нет.</p>
      ) : (
        <ol className="case-timeline" data-testid="case-timeline">
          {card.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <span className="muted">{formatDateTime(entry.at)}</span> <b>{entry.title}</b> — {entry.actor}
              {entry.details && <div>{entry.details}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
