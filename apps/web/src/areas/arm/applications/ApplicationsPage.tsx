import type { ApplicationListItem } from '@uslugi/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useApplications, type ApplicationListQuery } from './api';
import { daysLeftText, LATE_ENTRY } from './labels';
import './applications.css';

type TabId = 'new' | 'accepted' | 'refused' | 'all';

/** «Новые» are the portal's applications waiting for «Просмотреть» (000 п. 3.3). */
export const TABS: { id: TabId; label: string; query: ApplicationListQuery; empty: string }[] = [
  {
    id: 'new',
    label: 'Новые',
    query: { status: 'submitted', channel: 'portal' },
    empty: 'Новых заявлений нет.',
  },
  { id: 'accepted', label: 'Принятые', query: { status: 'accepted' }, empty: 'Принятых заявлений нет.' },
  {
    id: 'refused',
    label: 'Отказано в приёме',
    query: { status: 'intake_refused' },
    empty: 'Отказов в приёме нет.',
  },
  { id: 'all', label: 'Все', query: {}, empty: 'Заявлений пока нет.' },
];

const dateOf = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

/** «Заявления»: the unit's applications, the new ones from the portal first. */
export function ApplicationsPage() {
  const [tab, setTab] = useState<TabId>('new');
  const [pages, setPages] = useState<string[]>([]);
  const current = TABS.find((t) => t.id === tab) ?? TABS[0]!;
  const query = { ...current.query, before: pages[pages.length - 1] };
  const { data, error, isPending } = useApplications(query);
  const navigate = useNavigate();

  const choose = (id: TabId) => {
    setTab(id);
    setPages([]);
  };

  return (
    <>
      <div className="page-header">
        <h1>Заявления</h1>
      </div>
      <div role="tablist" aria-label="Заявления по состоянию" className="intake-tabs">
        {TABS.map((item, index) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`applications-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls="applications-panel"
            tabIndex={tab === item.id ? 0 : -1}
            className="intake-tab"
            onClick={() => choose(item.id)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              event.preventDefault();
              const next = TABS[(index + step + TABS.length) % TABS.length];
              if (next) {
                choose(next.id);
                document.getElementById(`applications-tab-${next.id}`)?.focus();
              }
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="applications-panel" aria-labelledby={`applications-tab-${tab}`}>
        {error && <Notice kind="error">{errorMessage(error)}</Notice>}
        {isPending && !error && <p className="muted">Загрузка…</p>}
        {data && (
          <section className="panel panel-flush">
            <DataTable<ApplicationListItem>
              caption={`Заявления: ${current.label.toLocaleLowerCase('ru')}`}
              rows={data.items}
              rowKey={(row) => row.id}
              empty={current.empty}
              data-testid="applications-table"
              rowProps={(row) => ({ 'data-testid': `application-row-${row.id}` })}
              columns={[
                {
                  header: 'Номер и дата',
                  cell: (row) => (
                    <span id={`application-${row.id}`}>
                      {row.registrationNumber ? <b>№ {row.registrationNumber}</b> : <b>Без номера</b>}
                      <div className="muted">
                        {row.registeredAt
                          ? `зарегистрировано ${dateOf(row.registeredAt)}`
                          : `подано ${dateOf(row.submittedAt ?? row.createdAt)}`}
                      </div>
                      {row.lateEntry && <div className="late-entry">{LATE_ENTRY}</div>}
                    </span>
                  ),
                },
                { header: 'Услуга', cell: (row) => row.service.name },
                { header: 'Заявитель', cell: (row) => row.applicant?.name ?? '—' },
                {
                  header: 'Состояние',
                  cell: (row) => (
                    <>
                      {row.statusTitle}
                      <div className="muted">{row.channel === 'portal' ? 'с портала' : 'на бумаге'}</div>
                    </>
                  ),
                },
                {
                  header: 'Срок',
                  cell: (row) =>
                    row.dueDate ? (
                      <>
                        до {formatDate(row.dueDate)}
                        <div className="muted">{daysLeftText(row.workingDaysLeft)}</div>
                      </>
                    ) : (
                      daysLeftText(row.workingDaysLeft)
                    ),
                },
                {
                  header: 'Действия',
                  hiddenHeader: true,
                  cell: (row) => (
                    <button
                      type="button"
                      className="btn"
                      aria-describedby={`application-${row.id}`}
                      onClick={() => void navigate(`/arm/applications/${row.id}`)}
                    >
                      Просмотреть
                    </button>
                  ),
                },
              ]}
            />
          </section>
        )}
        <div className="application-actions">
          {pages.length > 0 && (
            <button type="button" className="btn" onClick={() => setPages(pages.slice(0, -1))}>
              Назад
            </button>
          )}
          {data?.next && (
            <button type="button" className="btn" onClick={() => setPages([...pages, data.next ?? ''])}>
              Далее
            </button>
          )}
        </div>
      </div>
    </>
  );
}
