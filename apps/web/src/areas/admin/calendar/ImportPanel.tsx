import { useState, type ChangeEvent } from 'react';
import { applyCalendarImport, previewCalendarImport } from '../../../api/endpoints';
import type { CalendarImportPreview, CalendarLayerCode } from '@uslugi/contracts';
import { FormAlert, SelectField } from '../../../components/fields';
import { formatDate, weekdayName } from '../../../lib/format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';

const FIELDS = ['layer', 'xml', 'provisional'] as const;

const REPLACES: Record<CalendarImportPreview['replaces'], string> = {
  bundled: 'календарь, поставляемый с системой',
  imported: 'ранее загруженный файл',
  none: 'ничего (на этот год календаря не было)',
};

interface ImportPanelProps {
  municipalityId: string;
  /** The region's name, or null when the municipality has only the federal calendar. */
  regionName: string | null;
  onApplied: (message: string, year: number) => void;
}

/** Loads a year from an xmlcalendar file: check, look at the differences, then apply. */
export function ImportPanel({ municipalityId, regionName, onApplied }: ImportPanelProps) {
  const [layer, setLayer] = useState<CalendarLayerCode>('federal');
  const [fileName, setFileName] = useState<string | null>(null);
  const [xml, setXml] = useState<string | null>(null);
  const [provisional, setProvisional] = useState(false);
  const [preview, setPreview] = useState<CalendarImportPreview | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const layerOptions = [
    { value: 'federal', label: 'Федеральный календарь' },
    ...(regionName ? [{ value: 'regional', label: `Региональный календарь (${regionName})` }] : []),
  ];

  function reset() {
    setPreview(null);
    setErrors(NO_ERRORS);
  }

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    reset();
    const file = event.target.files?.[0];
    setFileName(file?.name ?? null);
    // Read in the browser as text; the server checks it (xmlcalendar, UTF-8).
    setXml(file ? await file.text() : null);
  }

  async function run(apply: boolean) {
    if (xml === null) {
      setErrors({ general: null, fields: { xml: 'Файл календаря: выберите файл .xml' } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const input = { layer, xml, provisional };
      if (!apply) {
        setPreview(await previewCalendarImport(municipalityId, input));
        return;
      }
      const applied = await applyCalendarImport(municipalityId, input);
      setPreview(null);
      setXml(null);
      setFileName(null);
      onApplied(
        `Календарь на ${applied.year} год загружен. Открытые сроки будут пересчитаны, исполнители получат уведомления.`,
        applied.year,
      );
    } catch (error) {
      setPreview(null);
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Загрузка календаря из файла</h2>
      <p className="muted">
        Файл в формате xmlcalendar заменяет календарь этого года только для вашего муниципального образования.
        Из регионального файла берутся только региональные дни: дни, совпадающие с федеральным календарём,
        определяет федеральный календарь (поэтому сначала загружайте федеральный).
      </p>
      <FormAlert message={errors.general} />
      <div className="form-grid">
        <SelectField
          id="import-layer"
          label="Календарь"
          value={layer}
          onChange={(value) => {
            reset();
            setLayer(value === 'regional' ? 'regional' : 'federal');
          }}
          options={layerOptions}
          hint={regionName ? undefined : 'Регионального календаря у муниципального образования нет'}
          error={errors.fields.layer}
        />
        <div className={errors.fields.xml ? 'field field-invalid' : 'field'}>
          <div className="field-label">
            <label htmlFor="import-file">Файл календаря (.xml)</label>
          </div>
          <input
            id="import-file"
            type="file"
            accept=".xml,application/xml,text/xml"
            aria-invalid={errors.fields.xml ? true : undefined}
            aria-describedby={errors.fields.xml ? 'import-file-error' : undefined}
            onChange={(event) => void chooseFile(event)}
          />
          {errors.fields.xml && (
            <div className="field-error" id="import-file-error" data-testid="calendar-import-error">
              {errors.fields.xml}
            </div>
          )}
        </div>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={provisional}
          onChange={(event) => {
            reset();
            setProvisional(event.target.checked);
          }}
        />
        Предварительный календарь (постановления о переносе выходных дней ещё нет)
      </label>
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy || xml === null} onClick={() => void run(false)}>
          Проверить
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || preview === null}
          onClick={() => void run(true)}
        >
          Применить
        </button>
      </div>
      {preview && (
        <div className="import-preview" data-testid="calendar-import-preview">
          <p>
            Файл {fileName ? <strong>{fileName}</strong> : null}: календарь на <strong>{preview.year}</strong>{' '}
            год, дней в файле: {preview.daysInFile}
            {preview.regionalDaysInFile !== null &&
              `, из них региональных: ${preview.regionalDaysInFile} (остальные повторяют федеральный календарь и берутся из него)`}
            . Заменяет: {REPLACES[preview.replaces]}.
            {preview.provisionalBefore && !preview.provisionalAfter && ' Год станет утверждённым.'}
            {preview.provisionalAfter && ' Год останется предварительным.'}
          </p>
          {preview.differences.length === 0 ? (
            <p className="muted">Отличий от текущего календаря нет.</p>
          ) : (
            <table className="table">
              <caption className="muted">Изменится дней: {preview.differences.length}</caption>
              <thead>
                <tr>
                  <th scope="col">Дата</th>
                  <th scope="col">Было</th>
                  <th scope="col">Станет</th>
                </tr>
              </thead>
              <tbody>
                {preview.differences.map((difference) => (
                  <tr key={difference.date}>
                    <td className="nowrap">
                      {formatDate(difference.date)}{' '}
                      <span className="muted">{weekdayName(difference.date)}</span>
                    </td>
                    <td>{difference.before.reasonText}</td>
                    <td>{difference.after.reasonText}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
