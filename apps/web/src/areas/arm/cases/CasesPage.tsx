import { WORKLIST_TITLES, type CaseListItem, type Worklist } from '@uslugi/contracts';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../../auth/session-context';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorWithFields } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useCaseList, type CaseFilters as Filters } from './api';
import { CaseFilters } from './CaseFilters';
import { IntraRequests } from './IntraRequests';
import { TermText } from './TermText';
import { firstWorklist, openWorklists } from './worklists';
import './cases.css';

/** The term that ends first: the stage's while it runs, else the whole service's. */
const nearestTerm = (row: CaseListItem) =>
  row.stageTerm && row.stageTerm.workingDaysLeft < row.term.workingDaysLeft ? row.stageTerm : row.term;

/**
 * «Дела»: the worklists of the workplace (000 item 3.4: «выбрать в списке новых услуг»; item 3.5: «в
 * списке рассмотренных услуг»), each with how many cases it holds, filtered and ordered by term.
 */
export function CasesPage() {
  const { user } = useSession();
  const [list, setList] = useState<Worklist>(() => firstWorklist(user));
  const [filters, setFilters] = useState<Filters>({});
  const query = useCaseList({ ...filters, list });
  const navigate = useNavigate();
  const pages = query.data?.pages ?? [];
  const rows = pages.flatMap((page) => page.items);
  const counts = pages[0]?.counts;
  const tabs = openWorklists(counts);

  // The first worklist guessed from the rights may not be one the server opens to the user.
  useEffect(() => {
    if (tabs.length > 0 && !tabs.includes(list)) setList(tabs[0]!);
  }, [tabs, list]);

  return (
    <>
      <div className="page-header">
        <h1>Дела</h1>
      </div>
      <IntraRequests />
      {tabs.length > 0 && (
        <div role="tablist" aria-label="Списки дел" className="intake-tabs">
          {tabs.map((item, index) => (
            <button
              key={item}
              type="button"
              role="tab"
              id={`cases-tab-${item}`}
              aria-selected={list === item}
              aria-controls="cases-panel"
              tabIndex={list === item ? 0 : -1}
              className="intake-tab"
              onClick={() => setList(item)}
              onKeyDown={(event) => {
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (step === 0) return;
                event.preventDefault();
                const next = tabs[(index + step + tabs.length) % tabs.length];
                if (next) {
                  setList(next);
                  document.getElementById(`cases-tab-${next}`)?.focus();
                }
              }}
            >
              {WORKLIST_TITLES[item]} <span className="case-count">{counts?.[item] ?? 0}</span>
            </button>
          ))}
        </div>
      )}
      <CaseFilters onApply={setFilters} />
      <div role="tabpanel" id="cases-panel" aria-labelledby={`cases-tab-${list}`}>
        {query.error && <Notice kind="error">{errorWithFields(query.error)}</Notice>}
        {query.isPending && !query.error && <p className="muted">Загрузка…</p>}
        {query.data && (
          <section className="panel panel-flush">
            <DataTable<CaseListItem>
              caption={`Дела: ${WORKLIST_TITLES[list].toLocaleLowerCase('ru')}`}
              rows={rows}
              rowKey={(row) => row.id}
              empty="Дел в этом списке нет."
              data-testid="cases-table"
              rowProps={(row) => ({
                'data-testid': `case-row-${row.id}`,
                className: `case-row case-row-${nearestTerm(row).state}`,
              })}
              columns={[
                {
                  header: 'Номер',
                  cell: (row) => (
                    <>
                      <Link to={`/arm/cases/${row.id}`} id={`case-${row.id}`}>
                        № {row.registrationNumber}
                      </Link>
                      <div className="muted">от {formatDate(row.openedAt.slice(0, 10))}</div>
                    </>
                  ),
                },
                { header: 'Услуга', cell: (row) => row.service.shortName || row.service.name },
                { header: 'Этап', cell: (row) => row.stage.name },
                { header: 'Заявитель', cell: (row) => row.applicant?.name ?? '—' },
                {
                  header: 'Исполнитель',
                  cell: (row) => row.executor?.name ?? <span className="muted">не назначен</span>,
                },
                {
                  header: 'Срок',
                  cell: (row) =>
                    row.status === 'closed' ? (
                      <span className="muted">
                        завершено {row.closedAt ? formatDate(row.closedAt.slice(0, 10)) : ''}
                      </span>
                    ) : (
                      <>
                        <TermText term={row.term} withDate />
                        {row.stageTerm && (
                          <div className="muted">
                            этап: <TermText term={row.stageTerm} />
                          </div>
                        )}
                      </>
                    ),
                },
                {
                  header: 'Действия',
                  hiddenHeader: true,
                  cell: (row) => (
                    <button
                      type="button"
                      className="btn"
                      aria-describedby={`case-${row.id}`}
                      onClick={() => void navigate(`/arm/cases/${row.id}`)}
                    >
                      Открыть
                    </button>
                  ),
                },
              ]}
            />
          </section>
        )}
        {query.hasNextPage && (
          <div className="application-actions">
            <button
              type="button"
              className="btn"
              disabled={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {query.isFetchingNextPage ? 'Загрузка…' : 'Показать ещё'}
            </button>
          </div>
        )}
      </div>
    </>
  );
}
