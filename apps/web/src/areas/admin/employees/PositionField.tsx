import { useState } from 'react';
import { createPosition } from '../../../api/endpoints';
import type { Position } from '@uslugi/contracts';
import { SelectField } from '../../../components/fields';
import { errorMessage } from '../../../lib/form-errors';

interface PositionFieldProps {
  value: string;
  onChange: (value: string) => void;
  positions: Position[];
  onCreated: (position: Position) => void;
  error?: string | undefined;
}

/** The position select, with an inline way to add a position missing from the directory. */
export function PositionField({ value, onChange, positions, onCreated, error }: PositionFieldProps) {
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function add() {
    setSaving(true);
    setAddError(null);
    try {
      const position = await createPosition(name.trim());
      onCreated(position);
      onChange(position.id);
      setAdding(false);
      setName('');
    } catch (caught) {
      setAddError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <SelectField
      id="positionId"
      label="Должность"
      value={value}
      onChange={onChange}
      options={positions.map((position) => ({ value: position.id, label: position.name }))}
      emptyLabel="— не указана —"
      error={error}
    >
      {adding ? (
        <div className="inline-add">
          <label htmlFor="newPositionName" className="visually-hidden">
            Наименование новой должности
          </label>
          <input
            id="newPositionName"
            value={name}
            placeholder="Наименование должности"
            aria-invalid={addError ? true : undefined}
            aria-describedby={addError ? 'newPositionName-error' : undefined}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              // Enter here adds the position instead of submitting the employee form.
              if (event.key === 'Enter') {
                event.preventDefault();
                void add();
              }
            }}
          />
          <button type="button" className="btn btn-small" disabled={saving} onClick={() => void add()}>
            Добавить
          </button>
          <button type="button" className="btn btn-small btn-link" onClick={() => setAdding(false)}>
            Отмена
          </button>
          {addError && (
            <div className="field-error" id="newPositionName-error">
              {addError}
            </div>
          )}
        </div>
      ) : (
        <button type="button" className="btn btn-link btn-small" onClick={() => setAdding(true)}>
          Новая должность…
        </button>
      )}
    </SelectField>
  );
}
