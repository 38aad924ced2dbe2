import type { ApplicantKind, ApplicantRecord } from '@uslugi/contracts';
import { useEffect, useId, useState } from 'react';
import { Dialog } from '../Dialog';
import { ApplicantForm } from './ApplicantForm';
import { useApplicantSearch } from './api';
import { birthDateOf, KIND_TITLES, maskedIdentifiers } from './identifiers';
import './applicant-picker.css';

export interface ApplicantPickerProps {
  value: ApplicantRecord | null;
  onChange: (record: ApplicantRecord | null) => void;
  /** The kinds offered (a representative: individuals only); all by default. */
  kinds?: ApplicantKind[];
  label: string;
}

/** What was typed, once the typing has paused. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Chooses a record of the applicants registry: search as you type (ФИО, наименование, СНИЛС, ИНН,
 * ОГРН, паспорт), pick one, or «Новый заявитель» to register one in a dialog.
 */
export function ApplicantPicker({ value, onChange, kinds, label }: ApplicantPickerProps) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const [creating, setCreating] = useState(false);
  const q = useDebounced(typed, 300);
  const kind = kinds?.length === 1 ? kinds[0] : undefined;
  const search = useApplicantSearch(value ? '' : q, kind);
  const items = (search.data?.items ?? []).filter((m) => !kinds || kinds.includes(m.record.kind));

  if (value) {
    return (
      <div className="field applicant-picker" data-testid="applicant-picker">
        <div className="field-label">
          <span id={`${id}-label`}>{label}</span>
        </div>
        <div className="applicant-picker-chosen" aria-labelledby={`${id}-label`}>
          <strong>{value.displayName}</strong>
          <span className="muted">
            {' '}
            {KIND_TITLES[value.kind]}
            {birthDateOf(value) ? `, ${birthDateOf(value)}` : ''}
          </span>{' '}
          <button type="button" className="btn btn-small" onClick={() => onChange(null)}>
            Выбрать другого
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="field applicant-picker" data-testid="applicant-picker">
      <div className="field-label">
        <label htmlFor={`${id}-q`}>{label}</label>
      </div>
      <div className="applicant-picker-row">
        <input
          id={`${id}-q`}
          type="search"
          value={typed}
          autoComplete="off"
          placeholder="ФИО, наименование, СНИЛС, ИНН, ОГРН или паспорт"
          aria-describedby={`${id}-hint`}
          maxLength={200}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="button" className="btn" onClick={() => setCreating(true)}>
          Новый заявитель
        </button>
      </div>
      <div className="field-hint" id={`${id}-hint`}>
        Поиск по реестру заявителей: от двух символов, опечатки в фамилии допускаются
      </div>
      {q.trim().length >= 2 && (
        <div role="region" aria-label="Найденные заявители" aria-live="polite">
          {search.isFetching && <p className="muted">Поиск…</p>}
          {search.isError && <p className="field-error">Поиск не выполнен: {search.error.message}</p>}
          {search.isSuccess && items.length === 0 && (
            <p className="muted">Никого не нашли. Внесите нового заявителя.</p>
          )}
          {items.length > 0 && (
            <ul className="applicant-picker-results">
              {items.map((match) => (
                <li key={match.record.id}>
                  <button
                    type="button"
                    className="applicant-picker-result"
                    onClick={() => onChange(match.record)}
                  >
                    <strong>{match.record.displayName}</strong>{' '}
                    <span className="muted">
                      {KIND_TITLES[match.record.kind]}
                      {birthDateOf(match.record) ? `, ${birthDateOf(match.record)}` : ''}
                      {maskedIdentifiers(match.record).length > 0
                        ? `, ${maskedIdentifiers(match.record).join(', ')}`
                        : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {creating && (
        <Dialog title="Новый заявитель" onClose={() => setCreating(false)}>
          <ApplicantForm
            {...(kinds ? { kinds } : {})}
            onSaved={(record) => {
              setCreating(false);
              onChange(record);
            }}
            onCancel={() => setCreating(false)}
          />
        </Dialog>
      )}
    </div>
  );
}
