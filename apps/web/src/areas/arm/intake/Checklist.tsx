import type { InteragencyDocument } from '@uslugi/contracts';
import { FileUpload } from '../../../components/file-upload/FileUpload';
import { formatDate } from '../../../lib/format';
import {
  emptyEntry,
  HELD_NOTE,
  INTERAGENCY_NOTE,
  PRESENTED_TITLES,
  type ChecklistEntry,
  type ChecklistRow,
  type Presented,
} from './checklist-model';

interface ChecklistProps {
  rows: readonly ChecklistRow[];
  interagency: readonly InteragencyDocument[];
  entries: Readonly<Record<string, ChecklistEntry>>;
  onChange: (documentKey: string, entry: ChecklistEntry) => void;
  /** A problem of a document (its scan missing, the server's answer), by document key. */
  errors: Readonly<Record<string, string>>;
  disabled?: boolean;
}

/**
 * The documents of the card at the desk: for each, whether it was presented as an original or a copy,
 * how many sheets, its scans. A document the administration already holds for this applicant is not
 * demanded; the inter-agency ones are listed as requested by the administration and never demanded.
 */
export function Checklist(props: ChecklistProps) {
  return (
    <section className="panel" aria-labelledby="checklist-heading" data-testid="intake-checklist">
      <h2 id="checklist-heading">Документы</h2>
      <ul className="checklist">
        {props.rows.map((row) => {
          const key = row.document.key;
          const entry = props.entries[key] ?? emptyEntry();
          const error = props.errors[key];
          const set = (change: Partial<ChecklistEntry>) => props.onChange(key, { ...entry, ...change });
          return (
            <li key={key} data-testid={`checklist-${key}`}>
              <fieldset
                className={error ? 'field field-invalid' : 'field'}
                aria-describedby={error ? `checklist-${key}-error` : undefined}
                disabled={props.disabled}
              >
                <legend>
                  {row.document.name}
                  {!row.document.required && <span className="muted"> (необязательно)</span>}
                </legend>
                {row.document.condition && <div className="field-hint">{row.document.condition}</div>}
                {row.held ? (
                  <p className="checklist-held">
                    <b>{HELD_NOTE}</b> — {row.held.title || row.held.documentTypeName}, {row.held.sourceLabel}
                    {row.held.validUntil && `, действителен до ${formatDate(row.held.validUntil)}`}. У
                    заявителя не требуется.
                  </p>
                ) : (
                  <>
                    <div className="checklist-controls">
                      <fieldset className="checklist-presented">
                        <legend className="visually-hidden">Представлен: {row.document.name}</legend>
                        <span aria-hidden="true">Представлен:</span>
                        {(Object.keys(PRESENTED_TITLES) as Presented[]).map((value) => (
                          <label key={value} className="checkbox">
                            <input
                              type="radio"
                              name={`presented-${key}`}
                              value={value}
                              checked={entry.presented === value}
                              onChange={() => set({ presented: value })}
                            />
                            {PRESENTED_TITLES[value]}
                          </label>
                        ))}
                      </fieldset>
                      <label className="checklist-sheets">
                        Количество листов
                        <input
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={10000}
                          value={entry.sheets}
                          disabled={entry.presented === 'none'}
                          onChange={(e) => set({ sheets: e.target.value })}
                        />
                      </label>
                    </div>
                    {entry.presented !== 'none' && (
                      <FileUpload
                        endpoint="/api/v1/arm/files"
                        label={`Скан-копия: ${row.document.name}`}
                        value={entry.files}
                        onChange={(files) => set({ files })}
                        disabled={props.disabled}
                      />
                    )}
                  </>
                )}
                {error && (
                  <div className="field-error" id={`checklist-${key}-error`}>
                    {error}
                  </div>
                )}
              </fieldset>
            </li>
          );
        })}
      </ul>
      {props.interagency.length > 0 && (
        <>
          <h3>Не требуются от заявителя</h3>
          <ul className="checklist-interagency" data-testid="checklist-interagency">
            {props.interagency.map((doc) => (
              <li key={doc.key}>
                {doc.name} — <i>{INTERAGENCY_NOTE}</i>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
