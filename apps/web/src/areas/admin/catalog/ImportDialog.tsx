import { ServiceExportSchema, type DefinitionProblem, type ServiceExport } from '@uslugi/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/client';
import type { CatalogImportResult } from '../../../api/endpoints';
import { useImportCatalogService, useOrgUnits } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { FormAlert } from '../../../components/form/Form';
import type { GeneralError } from '../../../lib/use-api-form';
import { buildTree, flatten, indentedLabel } from '../org-units/tree';
import { ProblemsPanel } from './problems';

/** A unit of the file the server could not place (422 `unit_mapping_required`). */
interface UnitNeeded {
  ref: string;
  name: string;
  suggestion: { id: string; name: string } | null;
}

const NOTHING_WRITTEN = 'Услуга не загружена: в реестре ничего не изменилось.';

function unitsNeeded(error: unknown): UnitNeeded[] | null {
  if (!(error instanceof ApiError) || error.code !== 'unit_mapping_required') return null;
  const units = (error.body as { units?: unknown } | null)?.units;
  return Array.isArray(units) ? (units as UnitNeeded[]) : [];
}

/** The file's text as an export file, or the Russian reason it is not one. */
export function readExportFile(text: string): { file: ServiceExport } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'Файл не является выгрузкой услуги: это не файл JSON.' };
  }
  const parsed = ServiceExportSchema.safeParse(json);
  if (parsed.success) return { file: parsed.data };
  const first = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'файл'}: ${issue.message}`)
    .join('; ');
  return { error: `Файл не является выгрузкой услуги в формате системы (${first}).` };
}

/**
 * «Загрузить из файла»: a service exported by this or another municipality. The file names its units
 * by reference; when the server cannot place one, each is matched here to a unit of this municipality
 * (preselected with the unit of the same name) and the file is sent again. The server writes all of it
 * or nothing.
 */
export function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (result: CatalogImportResult, name: string) => void;
}) {
  const importService = useImportCatalogService();
  const orgUnits = useOrgUnits();
  const [chosen, setChosen] = useState<File | null>(null);
  const [file, setFile] = useState<ServiceExport | null>(null);
  const [needed, setNeeded] = useState<UnitNeeded[] | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [error, setError] = useState<GeneralError | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [problems, setProblems] = useState<DefinitionProblem[]>([]);
  const unitOptions = useMemo(
    () =>
      flatten(buildTree(orgUnits.data ?? [])).map((node) => ({
        value: node.unit.id,
        label: indentedLabel(node),
      })),
    [orgUnits.data],
  );

  async function send(exportFile: ServiceExport, unitMapping: Record<string, string>) {
    setError(null);
    setProblems([]);
    try {
      const result = await importService.mutateAsync({ file: exportFile, unitMapping });
      onImported(result, exportFile.service.definition.card.name);
    } catch (failure) {
      const units = unitsNeeded(failure);
      if (units) {
        setNeeded(units);
        setMapping(
          Object.fromEntries(
            units.map((unit) => [unit.ref, unitMapping[unit.ref] ?? unit.suggestion?.id ?? '']),
          ),
        );
        return;
      }
      if (failure instanceof ApiError && failure.code === 'definition_invalid') {
        const listed = (failure.body as { problems?: unknown } | null)?.problems;
        setProblems(Array.isArray(listed) ? (listed as DefinitionProblem[]) : []);
      }
      setError({
        message:
          failure instanceof ApiError
            ? [failure.message, ...failure.fields.map((field) => field.message), NOTHING_WRITTEN].join(' ')
            : `Непредвиденная ошибка. ${NOTHING_WRITTEN}`,
        requestId: failure instanceof ApiError ? failure.requestId : null,
      });
    }
  }

  async function onChooseFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!chosen) {
      setError({ message: 'Выберите файл выгрузки услуги (.json).', requestId: null });
      return;
    }
    const read = readExportFile(await chosen.text());
    if ('error' in read) {
      setError({ message: read.error, requestId: null });
      return;
    }
    setFile(read.file);
    await send(read.file, {});
  }

  async function onMap(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || !needed) return;
    const unmapped = needed.filter((unit) => !mapping[unit.ref]).map((unit) => unit.ref);
    setMissing(unmapped);
    if (unmapped.length > 0) return;
    await send(file, mapping);
  }

  const pending = importService.isPending;
  return (
    <Dialog title="Загрузка услуги из файла" onClose={onClose} data-testid="import-dialog">
      {needed && file ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => void onMap(event)}
          data-testid="import-mapping"
        >
          <p>
            Услуга «{file.service.definition.card.shortName}» из файла ({file.source || 'источник не указан'})
            называет подразделения, которых нет в этом муниципальном образовании. Укажите, какое подразделение
            их заменит.
          </p>
          {needed.map((unit) => {
            const id = `import-unit-${unit.ref}`;
            const invalid = missing.includes(unit.ref);
            return (
              <div key={unit.ref} className={invalid ? 'field field-invalid' : 'field'}>
                <div className="field-label">
                  <label htmlFor={id}>{unit.name}</label>
                  <span className="required" aria-hidden="true">
                    *
                  </span>
                </div>
                <select
                  id={id}
                  aria-required
                  aria-invalid={invalid || undefined}
                  aria-describedby={invalid ? `${id}-error` : undefined}
                  value={mapping[unit.ref] ?? ''}
                  onChange={(event) => setMapping({ ...mapping, [unit.ref]: event.target.value })}
                >
                  <option value="">Выберите подразделение</option>
                  {unitOptions.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
                {unit.suggestion && (
                  <div className="field-hint">
                    Предложено по совпадению наименования: {unit.suggestion.name}
                  </div>
                )}
                {invalid && (
                  <div className="field-error" id={`${id}-error`}>
                    Обязательное поле
                  </div>
                )}
              </div>
            );
          })}
          <FormAlert error={error} />
          <FileProblems file={file} problems={problems} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={pending} data-testid="import-confirm">
              {pending ? 'Загрузка…' : 'Загрузить'}
            </button>
            <button type="button" className="btn" onClick={onClose} disabled={pending}>
              Отмена
            </button>
          </div>
        </form>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(event) => void onChooseFile(event)}
          data-testid="import-file"
        >
          <div className="field">
            <div className="field-label">
              <label htmlFor="import-file-input">Файл выгрузки услуги (.json)</label>
            </div>
            <input
              id="import-file-input"
              type="file"
              accept=".json,application/json"
              onChange={(event) => {
                setChosen(event.target.files?.[0] ?? null);
                setError(null);
              }}
            />
            <div className="field-hint">
              Файл, выгруженный кнопкой «Выгрузить в файл» в этой или другой установке. Если услуга с тем же
              кодом уже есть, описание из файла станет черновиком её новой версии.
            </div>
          </div>
          <FormAlert error={error} />
          <FileProblems file={file} problems={problems} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={pending} data-testid="import-submit">
              {pending ? 'Загрузка…' : 'Загрузить'}
            </button>
            <button type="button" className="btn" onClick={onClose} disabled={pending}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** What the validator found in the file's description (the import is refused whole). */
function FileProblems({ file, problems }: { file: ServiceExport | null; problems: DefinitionProblem[] }) {
  if (!file || problems.length === 0) return null;
  return (
    <ProblemsPanel
      problems={problems}
      stages={file.service.definition.techMap.stages}
      kind="error"
      title="Описание услуги в файле содержит ошибки"
    />
  );
}
