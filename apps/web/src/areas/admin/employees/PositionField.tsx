import type { Position } from '@uslugi/contracts';
import { useEffect, useState } from 'react';
import { useFormContext, type FieldValues, type Path, type PathValue } from 'react-hook-form';
import { useCreatePosition } from '../../../api/queries';
import { SelectField } from '../../../components/form/Field';
import { errorMessage } from '../../../lib/errors';

interface PositionFieldProps<TValues extends FieldValues> {
  name: Path<TValues>;
  positions: Position[];
}

/** The position select, with an inline way to add a position missing from the directory. */
export function PositionField<TValues extends FieldValues>({ name, positions }: PositionFieldProps<TValues>) {
  const { setValue } = useFormContext<TValues>();
  const create = useCreatePosition();
  const [adding, setAdding] = useState(false);
  const [newName, setNewName] = useState('');
  // The new position is chosen once the select offers it (the directory is fetched again first).
  const [created, setCreated] = useState<string | null>(null);
  useEffect(() => {
    if (created && positions.some((position) => position.id === created)) {
      setValue(name, created as PathValue<TValues, Path<TValues>>);
      setCreated(null);
    }
  }, [created, positions, name, setValue]);

  async function add() {
    try {
      const position = await create.mutateAsync(newName.trim());
      setCreated(position.id);
      setAdding(false);
      setNewName('');
    } catch {
      // Shown from the mutation's error.
    }
  }

  const addError = create.error ? errorMessage(create.error) : null;
  const extra = adding ? (
    <div className="inline-add">
      <label htmlFor="newPositionName" className="visually-hidden">
        Наименование новой должности
      </label>
      <input
        id="newPositionName"
        value={newName}
        placeholder="Наименование должности"
        aria-invalid={addError ? true : undefined}
        aria-describedby={addError ? 'newPositionName-error' : undefined}
        onChange={(event) => setNewName(event.target.value)}
        onKeyDown={(event) => {
          // Enter here adds the position instead of submitting the employee form.
          if (event.key === 'Enter') {
            event.preventDefault();
            void add();
          }
        }}
      />
      <button type="button" className="btn btn-small" disabled={create.isPending} onClick={() => void add()}>
        Добавить
      </button>
      <button
        type="button"
        className="btn btn-small btn-link"
        onClick={() => {
          create.reset();
          setAdding(false);
        }}
      >
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
  );

  return (
    <SelectField<TValues>
      name={name}
      label="Должность"
      options={positions.map((position) => ({ value: position.id, label: position.name }))}
      emptyLabel="— не указана —"
      extra={extra}
    />
  );
}
