import type { CalendarStatus } from '@uslugi/contracts';
import { useState } from 'react';
import { useCalendarStatus, useCalendarYear, useLocalDays } from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { TermCalculator } from '../../../components/TermCalculator';
import { todayIso } from '../../../lib/format';
import { errorMessage } from '../../../lib/errors';
import { hasPermission } from '../../../lib/roles';
import { CalendarWarnings } from './CalendarWarnings';
import { ExportButton } from './ExportButton';
import { ImportPanel } from './ImportPanel';
import { LocalDaysPanel } from './LocalDaysPanel';
import { CalendarLegend, YearGrid } from './YearGrid';
import './calendar.css';

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
  const statusQuery = useCalendarStatus(municipalityId);
  const yearQuery = useCalendarYear(municipalityId, year);
  const localDaysQuery = useLocalDays(municipalityId, year);
  const status = statusQuery.data ?? null;
  const calendar = yearQuery.data ?? null;
  const failure = statusQuery.error ?? yearQuery.error ?? localDaysQuery.error;
  const error = failure ? errorMessage(failure) : null;
  const [success, setSuccess] = useState<string | null>(null);

  // A change invalidates the calendar's queries itself; the page says what was done.
  function changed(message: string, toYear?: number) {
    setSuccess(message);
    if (toYear !== undefined) setYear(toYear);
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
            days={localDaysQuery.data ?? null}
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
