import { useCallback, useEffect, useState } from 'react';
import { getCalendarStatus, getCalendarYear, listLocalDays } from '../../../api/endpoints';
import type { CalendarStatus, CalendarYear, LocalDay } from '@uslugi/contracts';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { TermCalculator } from '../../../components/TermCalculator';
import { todayIso } from '../../../lib/format';
import { errorMessage } from '../../../lib/form-errors';
import { hasPermission } from '../../../lib/roles';
import { CalendarWarnings } from './CalendarWarnings';
import { ExportButton } from './ExportButton';
import { ImportPanel } from './ImportPanel';
import { LocalDaysPanel } from './LocalDaysPanel';
import { CalendarLegend, YearGrid } from './YearGrid';

function yearOptions(status: CalendarStatus | null, current: number, selected: number): number[] {
  const known = status?.layers.flatMap((layer) => layer.years.map((y) => y.year)) ?? [];
  const first = Math.min(current - 2, selected, ...known);
  const last = Math.max(current + 2, selected, ...known);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

export function CalendarPage() {
  const { user } = useSession();
  const canManage = hasPermission(user, 'calendar.manage');
  const municipalityId = user?.municipality.id ?? '';
  const today = todayIso();
  const currentYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(currentYear);
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const [calendar, setCalendar] = useState<CalendarYear | null>(null);
  const [localDays, setLocalDays] = useState<LocalDay[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const loadStatus = useCallback(() => {
    getCalendarStatus(municipalityId).then(setStatus, (caught: unknown) => setError(errorMessage(caught)));
  }, [municipalityId]);

  useEffect(() => loadStatus(), [loadStatus, reloadKey]);

  useEffect(() => {
    let cancelled = false;
    setCalendar(null);
    setLocalDays(null);
    Promise.all([getCalendarYear(municipalityId, year), listLocalDays(municipalityId, year)]).then(
      ([days, local]) => {
        if (cancelled) return;
        setCalendar(days);
        setLocalDays(local);
        setError(null);
      },
      (caught: unknown) => {
        if (!cancelled) setError(errorMessage(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [municipalityId, year, reloadKey]);

  function changed(message: string, toYear?: number) {
    setSuccess(message);
    if (toYear !== undefined) setYear(toYear);
    setReloadKey((key) => key + 1);
  }

  const regionLayer = status?.layers.find((layer) => layer.layer === 'regional');
  return (
    <>
      <div className="page-header">
        <h1>Производственный календарь</h1>
        <div className="toolbar" role="group" aria-label="Год">
          <button type="button" className="btn" aria-label="Предыдущий год" onClick={() => setYear(year - 1)}>
            ◀
          </button>
          <select
            aria-label="Год"
            data-testid="calendar-year"
            value={year}
            onChange={(event) => setYear(Number(event.target.value))}
          >
            {yearOptions(status, currentYear, year).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
          <button type="button" className="btn" aria-label="Следующий год" onClick={() => setYear(year + 1)}>
            ▶
          </button>
        </div>
        <ExportButton municipalityId={municipalityId} year={year} status={status} />
      </div>
      <CalendarWarnings status={status} />
      {error && <Notice kind="error">{error}</Notice>}
      {success && <Notice kind="success">{success}</Notice>}
      {status && (
        <p className="muted">
          Календарь муниципального образования: федеральный производственный календарь
          {regionLayer ? ` + региональный (${status.regionName})` : ''} + решения муниципального образования.
          Загруженные годы: {status.loadedYears.join(', ') || 'нет'}
          {status.provisionalYears.length > 0 && ` (предварительные: ${status.provisionalYears.join(', ')})`}.
        </p>
      )}
      {calendar?.provisional && (
        <div className="notice notice-warn" role="status" data-testid="calendar-provisional">
          Календарь на {year} год предварительный: утверждённого календаря на этот год нет, сроки в нём
          рассчитываются предварительно и могут измениться.
        </div>
      )}
      <section className="panel" aria-label={`Календарь на ${year} год`}>
        {calendar === null && !error && <p className="muted">Загрузка…</p>}
        {calendar && (
          <>
            <YearGrid calendar={calendar} today={today} />
            <CalendarLegend calendar={calendar} />
          </>
        )}
      </section>
      <div className="split">
        <div className="split-main">
          <LocalDaysPanel
            municipalityId={municipalityId}
            year={year}
            days={localDays}
            canManage={canManage}
            onChanged={(message) => changed(message)}
          />
          <section className="panel">
            <TermCalculator />
          </section>
        </div>
        {canManage && (
          <div className="split-side split-wide">
            <ImportPanel
              municipalityId={municipalityId}
              regionName={status?.region ? status.regionName : null}
              onApplied={changed}
            />
          </div>
        )}
      </div>
    </>
  );
}
