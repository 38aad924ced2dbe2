import { useState, type FormEvent } from 'react';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { envelopeUrl, useSmevMessages, useSmevMonitoring } from './api';

/**
 * Inter-agency requests through SMEV (004 item 11): per agency and kind of information, how many wait,
 * are overdue or failed, and the mean answer time; the message log with the envelopes as they went.
 */
export function SmevMonitoringPage() {
  const monitoring = useSmevMonitoring();
  const [draft, setDraft] = useState({ messageId: '', caseNumber: '' });
  const [query, setQuery] = useState({ messageId: '', caseNumber: '' });
  const messages = useSmevMessages(query);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ messageId: draft.messageId.trim(), caseNumber: draft.caseNumber.trim() });
  };
  return (
    <>
      <div className="page-header">
        <h1>Межведомственные запросы (СМЭВ)</h1>
      </div>
      <section className="panel" aria-labelledby="smev-agencies-title">
        <h2 className="panel-title" id="smev-agencies-title">
          Запросы по органам и видам сведений
        </h2>
        {monitoring.error && <Notice kind="error">{errorMessage(monitoring.error)}</Notice>}
        {monitoring.data && (
          <DataTable
            caption="Запросы по органам и видам сведений"
            data-testid="smev-monitoring"
            rows={monitoring.data.rows}
            rowKey={(r) => `${r.agency}-${r.requestKind}`}
            empty="Запросов пока не было."
            columns={[
              { header: 'Орган', cell: (r) => r.agencyName },
              { header: 'Вид сведений', cell: (r) => r.requestKindName },
              { header: 'Всего', cell: (r) => r.total },
              { header: 'Ожидают отправки', cell: (r) => r.queued },
              { header: 'Ожидают ответа', cell: (r) => r.waiting },
              { header: 'Просрочены', cell: (r) => (r.overdue > 0 ? <b>{r.overdue}</b> : 0) },
              { header: 'Получен ответ', cell: (r) => r.answered },
              { header: 'Отказ', cell: (r) => r.rejected },
              { header: 'Ошибка', cell: (r) => (r.failed > 0 ? <b>{r.failed}</b> : 0) },
              {
                header: 'Среднее время ответа, раб. дн.',
                cell: (r) =>
                  r.averageAnswerDays === null ? '—' : r.averageAnswerDays.toLocaleString('ru-RU'),
              },
            ]}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="smev-log-title">
        <h2 className="panel-title" id="smev-log-title">
          Журнал сообщений
        </h2>
        <form className="filters" onSubmit={search} aria-label="Поиск сообщений">
          <label>
            MessageID
            <input
              value={draft.messageId}
              onChange={(e) => setDraft({ ...draft, messageId: e.target.value })}
              placeholder="например, 5c2f…"
            />
          </label>
          <label>
            Номер заявления
            <input
              value={draft.caseNumber}
              onChange={(e) => setDraft({ ...draft, caseNumber: e.target.value })}
            />
          </label>
          <button type="submit" className="btn">
            Найти
          </button>
        </form>
        {messages.error && <Notice kind="error">{errorMessage(messages.error)}</Notice>}
        {messages.data && (
          <DataTable
            caption="Сообщения СМЭВ"
            data-testid="smev-messages"
            rows={messages.data.items}
            rowKey={(m) => m.id}
            empty="Сообщений не найдено."
            columns={[
              { header: 'Время', cell: (m) => formatDateTime(m.at) },
              { header: 'Направление', cell: (m) => m.directionTitle },
              { header: 'Операция', cell: (m) => `${m.operation}${m.faultCode ? ` (${m.faultCode})` : ''}` },
              {
                header: 'Заявление',
                cell: (m) => (
                  <>
                    {m.registrationNumber ?? '—'}
                    {m.requestKindName ? <div className="muted">{m.requestKindName}</div> : null}
                  </>
                ),
              },
              { header: 'MessageID', cell: (m) => <code>{m.messageId ?? m.requestMessageId ?? '—'}</code> },
              {
                header: 'Подпись',
                cell: (m) =>
                  m.signatureValid === null
                    ? '—'
                    : m.signatureValid
                      ? 'Подпись верна'
                      : (m.signatureReason ?? 'Подпись неверна'),
              },
              {
                header: 'Конверт',
                cell: (m) => (
                  <>
                    <a href={envelopeUrl(m.id)} download>
                      Скачать
                    </a>
                    <div className="muted">SHA-256 {m.sha256.slice(0, 12)}…</div>
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
