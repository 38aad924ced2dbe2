import { useEffect, useState } from 'react';
import { listEmployees, listJournal, listJournalObjectTypes } from '../../../api/endpoints';
import type { Employee, JournalEntry, JournalObjectTypeOption } from '@uslugi/contracts';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { hasPermission } from '../../../lib/roles';
import { NO_ERRORS, errorMessage, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { EMPTY_FILTERS, FILTER_FIELDS, JournalFilters, type JournalFilterValues } from './JournalFilters';
import { JournalTable } from './JournalTable';
import { JournalVerificationPanel } from './JournalVerificationPanel';

const PAGE_SIZE = 50;

export function JournalPage() {
  const { user } = useSession();
  const [filters, setFilters] = useState<JournalFilterValues>(EMPTY_FILTERS);
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [employees, setEmployees] = useState<Employee[] | null>(null);
  const [objectTypes, setObjectTypes] = useState<JournalObjectTypeOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filterErrors, setFilterErrors] = useState<FormErrors>(NO_ERRORS);
  const [loadingMore, setLoadingMore] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    listEmployees().then(setEmployees, () => setEmployees(null));
    listJournalObjectTypes().then(setObjectTypes, () => setObjectTypes([]));
  }, []);

  useEffect(() => {
    let cancelled = false;
    setEntries(null);
    setNextBefore(null);
    setError(null);
    setFilterErrors(NO_ERRORS);
    listJournal({ ...filters, limit: PAGE_SIZE }).then(
      (page) => {
        if (cancelled) return;
        setEntries(page.items);
        setNextBefore(page.nextBefore);
      },
      (caught: unknown) => {
        if (cancelled) return;
        // A bad filter (e.g. a malformed date) is shown next to that filter.
        const errors = toFormErrors(caught, FILTER_FIELDS);
        setFilterErrors(errors);
        setError(errors.general);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [filters, reloadKey]);

  async function loadMore() {
    if (!nextBefore) return;
    setLoadingMore(true);
    try {
      const page = await listJournal({ ...filters, before: nextBefore, limit: PAGE_SIZE });
      setEntries((current) => [...(current ?? []), ...page.items]);
      setNextBefore(page.nextBefore);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <div className="page-header">
        <h1>Журнал операций</h1>
        <div className="toolbar">
          <button type="button" className="btn" onClick={() => setReloadKey((key) => key + 1)}>
            Обновить
          </button>
        </div>
      </div>
      {hasPermission(user, 'journal.verify') && (
        <JournalVerificationPanel onVerified={() => setReloadKey((key) => key + 1)} />
      )}
      <section className="panel">
        <JournalFilters
          initial={filters}
          employees={employees}
          objectTypes={objectTypes}
          errors={filterErrors.fields}
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
      {nextBefore && (
        <div className="more">
          <button type="button" className="btn" disabled={loadingMore} onClick={() => void loadMore()}>
            Показать ещё
          </button>
        </div>
      )}
    </>
  );
}
