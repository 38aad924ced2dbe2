import { useState } from 'react';
import { calendarExportUrl } from '../../../api/endpoints';
import type { CalendarExportLayer, CalendarStatus } from '@uslugi/contracts';

interface ExportButtonProps {
  municipalityId: string;
  year: number;
  status: CalendarStatus | null;
}

/**
 * «Выгрузить в XML»: the year as an xmlcalendar file. Offers the municipality's calendar always, and the
 * federal or regional file only for a year that layer has one for (the server refuses the others).
 */
export function ExportButton({ municipalityId, year, status }: ExportButtonProps) {
  const [chosen, setChosen] = useState<CalendarExportLayer>('effective');
  const hasFile = (layer: 'federal' | 'regional') =>
    status?.layers.some((l) => l.layer === layer && l.years.some((y) => y.year === year)) ?? false;
  const options: { value: CalendarExportLayer; label: string }[] = [
    { value: 'effective', label: 'Календарь муниципального образования' },
    ...(hasFile('federal') ? [{ value: 'federal' as const, label: 'Федеральный календарь' }] : []),
    ...(hasFile('regional')
      ? [{ value: 'regional' as const, label: `Региональные дни (${status?.regionName ?? ''})` }]
      : []),
  ];
  const layer = options.some((option) => option.value === chosen) ? chosen : 'effective';
  return (
    <div className="toolbar" role="group" aria-label="Выгрузка календаря">
      <select
        aria-label="Что выгрузить"
        data-testid="calendar-export-layer"
        value={layer}
        onChange={(event) => setChosen(event.target.value as CalendarExportLayer)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <a
        className="btn"
        data-testid="calendar-export"
        href={calendarExportUrl(municipalityId, year, layer)}
        download={`calendar-${year}-${layer}.xml`}
        title={`Файл xmlcalendar на ${year} год`}
      >
        Выгрузить в XML
      </a>
    </div>
  );
}
