import { CalendarImportSchema, type CalendarImportPreview, type CalendarLayerCode } from '@uslugi/contracts';
import { useEffect, useRef, useState } from 'react';
import { previewCalendarImport } from '../../../api/endpoints';
import { useApplyCalendarImport } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Form, FormActions, FormAlert, SubmitButton } from '../../../components/form/Form';
import { FileField, SelectField } from '../../../components/form/Field';
import { formatDate, weekdayName } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';

interface Values {
  layer: CalendarLayerCode;
  file: File | null;
  provisional: boolean;
}

type ImportResult =
  { kind: 'preview'; preview: CalendarImportPreview } | { kind: 'applied'; applied: CalendarImportPreview };

/** What the schema checks before the file is read; the file's text is checked by the server. */
const SettingsSchema = CalendarImportSchema.pick({ layer: true, provisional: true });

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
  const [preview, setPreview] = useState<CalendarImportPreview | null>(null);
  const apply = useApplyCalendarImport(municipalityId);
  // Which button sent the form: «Проверить» shows the differences, «Применить» loads the year.
  const mode = useRef<'preview' | 'apply'>('preview');
  const api = useApiForm({
    schema: SettingsSchema,
    defaultValues: { layer: 'federal', file: null, provisional: false },
    toRequest: ({ layer, provisional }: Values) => ({ layer, provisional }),
    check: ({ file }) => (file ? {} : { file: 'Файл календаря: выберите файл .xml' }),
    submit: async (settings, { file }) => {
      // Read in the browser as text; the server checks it (xmlcalendar, UTF-8).
      const input = { ...settings, xml: file ? await file.text() : '' };
      setPreview(null);
      const result: ImportResult =
        mode.current === 'preview'
          ? { kind: 'preview', preview: await previewCalendarImport(municipalityId, input) }
          : { kind: 'applied', applied: await apply.mutateAsync(input) };
      return result;
    },
    fieldOf: { xml: 'file' },
    onSuccess: (result) => {
      if (result.kind === 'preview') {
        setPreview(result.preview);
        return;
      }
      api.form.reset({ ...api.form.getValues(), file: null });
      onApplied(
        `Календарь на ${result.applied.year} год загружен. Открытые сроки будут пересчитаны, исполнители получат уведомления.`,
        result.applied.year,
      );
    },
  });
  const { watch } = api.form;
  const file = watch('file');

  useEffect(() => {
    // Another file, calendar or mark: the shown differences no longer apply.
    const subscription = watch(() => setPreview(null));
    return () => subscription.unsubscribe();
  }, [watch]);

  const layerOptions = [
    { value: 'federal', label: 'Федеральный календарь' },
    ...(regionName ? [{ value: 'regional', label: `Региональный календарь (${regionName})` }] : []),
  ];

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Загрузка календаря из файла</h2>
      <p className="muted">
        Файл в формате xmlcalendar заменяет календарь этого года только для вашего муниципального образования.
        Из регионального файла берутся только региональные дни: дни, совпадающие с федеральным календарём,
        определяет федеральный календарь (поэтому сначала загружайте федеральный).
      </p>
      <Form api={api}>
        <div className="form-grid">
          <SelectField<Values>
            id="import-layer"
            name="layer"
            label="Календарь"
            options={layerOptions}
            hint={regionName ? undefined : 'Регионального календаря у муниципального образования нет'}
          />
          <FileField<Values>
            id="import-file"
            name="file"
            label="Файл календаря (.xml)"
            accept=".xml,application/xml,text/xml"
            errorTestId="calendar-import-error"
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" {...api.form.register('provisional')} />
          Предварительный календарь (постановления о переносе выходных дней ещё нет)
        </label>
        <FormAlert error={api.general} />
        <FormActions>
          <SubmitButton
            api={api}
            className="btn"
            disabled={file === null}
            onClick={() => (mode.current = 'preview')}
          >
            Проверить
          </SubmitButton>
          <SubmitButton api={api} disabled={preview === null} onClick={() => (mode.current = 'apply')}>
            Применить
          </SubmitButton>
        </FormActions>
      </Form>
      {preview && (
        <div className="import-preview" data-testid="calendar-import-preview">
          <p>
            Файл {file ? <strong>{file.name}</strong> : null}: календарь на <strong>{preview.year}</strong>{' '}
            год, дней в файле: {preview.daysInFile}
            {preview.regionalDaysInFile !== null &&
              `, из них региональных: ${preview.regionalDaysInFile} (остальные повторяют федеральный календарь и берутся из него)`}
            . Заменяет: {REPLACES[preview.replaces]}.
            {preview.provisionalBefore && !preview.provisionalAfter && ' Год станет утверждённым.'}
            {preview.provisionalAfter && ' Год останется предварительным.'}
          </p>
          <DataTable
            caption={`Изменится дней: ${preview.differences.length}`}
            showCaption
            rows={preview.differences}
            rowKey={(difference) => difference.date}
            empty="Отличий от текущего календаря нет."
            columns={[
              {
                header: 'Дата',
                className: 'nowrap',
                cell: (difference) => (
                  <>
                    {formatDate(difference.date)}{' '}
                    <span className="muted">{weekdayName(difference.date)}</span>
                  </>
                ),
              },
              { header: 'Было', cell: (difference) => difference.before.reasonText },
              { header: 'Станет', cell: (difference) => difference.after.reasonText },
            ]}
          />
        </div>
      )}
    </section>
  );
}
