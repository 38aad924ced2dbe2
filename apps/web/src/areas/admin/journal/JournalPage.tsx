import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useEmployees, useJournal, useJournalObjectTypes } from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { errorWithFields } from '../../../lib/errors';
import { hasPermission } from '../../../lib/roles';
import { EMPTY_FILTERS, JournalFilters, toJournalQuery, type JournalFilterValues } from './JournalFilters';
import { JournalTable } from './JournalTable';
import { JournalVerificationPanel } from './JournalVerificationPanel';
import './journal.css';

const PAGE_SIZE = 50;

export function JournalPage() {
  const { user } = useSession();
  const [filters, setFilters] = useState<JournalFilterValues>(EMPTY_FILTERS);
  const journal = useJournal(toJournalQuery(filters), PAGE_SIZE);
  const employees = useEmployees();
  const objectTypes = useJournalObjectTypes();
  const entries = journal.data?.pages.flatMap((page) => page.items) ?? null;
  // The filters are checked in the form; what the server still refuses is said with its fields.
  const error = journal.error ? errorWithFields(journal.error) : null;

  return (
    <>
      <div className="page-header">
        <h1>Журнал операций</h1>
        <div className="toolbar">
          {hasPermission(user, 'journal.extract') && (
            <Link className="btn" to="/admin/journal/extracts">
              Выписки из журнала
            </Link>
          )}
          <button type="button" className="btn" onClick={() => void journal.refetch()}>
            Обновить
          </button>
        </div>
      </div>
      {hasPermission(user, 'journal.verify') && <JournalVerificationPanel />}
      <section className="panel">
        <JournalFilters
          employees={employees.error ? null : (employees.data ?? [])}
          objectTypes={objectTypes.data ?? []}
          onApply={setFilters}
        />
      </section>
      {error && <Notice kind="error">{error}</Notice>}
      <section className="panel panel-flush" aria-label="Записи журнала">
        {entries === null && !error ? (
          <p className="muted panel-pad">Загрузка…</p>
        ) : (
          <JournalTable entries={entries ?? []} />
        )}
      </section>
      {journal.hasNextPage && (
        <div className="more">
          <button
            type="button"
            className="btn"
            disabled={journal.isFetchingNextPage}
            onClick={() => void journal.fetchNextPage()}
          >
            Показать ещё
          </button>
        </div>
      )}
    </>
  );
}
