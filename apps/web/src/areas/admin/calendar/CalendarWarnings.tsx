import { useCalendarStatus } from '../../../api/queries';
import type { CalendarStatus } from '@uslugi/contracts';

/** The warnings of the calendar status (a missing or provisional year), one banner each. */
export function CalendarWarnings({ status }: { status: CalendarStatus | null }) {
  if (!status || status.warnings.length === 0) return null;
  return (
    <div data-testid="calendar-warnings">
      {status.warnings.map((warning) => (
        <div key={`${warning.layer}:${warning.year}`} className="notice notice-warn" role="alert">
          {warning.message}
        </div>
      ))}
    </div>
  );
}

/** The same banners for a page that has not loaded the status itself (the administration's home). */
export function CalendarWarningsFor({ municipalityId }: { municipalityId: string }) {
  const { data } = useCalendarStatus(municipalityId);
  return <CalendarWarnings status={data ?? null} />;
}
