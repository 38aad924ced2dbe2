import { createContext, useContext, useState, type ReactNode } from 'react';
import { useController, useFieldArray, useFormContext, useWatch, type FieldValues } from 'react-hook-form';
import { Field, type Option } from '../../../components/form/Field';

/**
 * Controls of the service editor. The editor is one react-hook-form over the whole definition, so
 * every control is named by its path in it (`card.results.0.name`, `techMap.stages.2.term.amount`).
 * Readers get the same controls disabled, and no add, move or remove buttons.
 */
export const EditableContext = createContext(true);
export const useEditable = () => useContext(EditableContext);

/** `card.results.0.name` → `card-results-0-name`: an id the label points at. */
export const idOf = (name: string) => `def-${name.replace(/\./g, '-')}`;

interface Base {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
}

export function TextInput({
  name,
  label,
  required,
  hint,
  multiline,
  maxLength,
  list,
}: Base & { multiline?: boolean; maxLength?: number; list?: string }) {
  const { register } = useFormContext();
  const editable = useEditable();
  return (
    <Field name={name} id={idOf(name)} label={label} required={required} hint={hint}>
      {(control) =>
        multiline ? (
          <textarea {...control} {...register(name)} rows={3} maxLength={maxLength} disabled={!editable} />
        ) : (
          <input
            {...control}
            {...register(name)}
            type="text"
            autoComplete="off"
            maxLength={maxLength}
            list={list}
            disabled={!editable}
          />
        )
      }
    </Field>
  );
}

/** A string or null: an empty input is null (a URL not given). */
export function NullableTextInput({ name, label, hint }: Base) {
  const { register } = useFormContext();
  const editable = useEditable();
  return (
    <Field name={name} id={idOf(name)} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          {...register(name, { setValueAs: (value: unknown) => (value === '' ? null : value) })}
          type="text"
          autoComplete="off"
          disabled={!editable}
        />
      )}
    </Field>
  );
}

export function NumberInput({ name, label, required, hint, step }: Base & { step?: string }) {
  const { register } = useFormContext();
  const editable = useEditable();
  return (
    <Field name={name} id={idOf(name)} label={label} required={required} hint={hint}>
      {(control) => (
        <input
          {...control}
          {...register(name, { valueAsNumber: true })}
          type="number"
          inputMode="numeric"
          step={step ?? '1'}
          disabled={!editable}
        />
      )}
    </Field>
  );
}

export function DateInput({ name, label, required }: Base) {
  const { register } = useFormContext();
  const editable = useEditable();
  return (
    <Field name={name} id={idOf(name)} label={label} required={required}>
      {(control) => <input {...control} {...register(name)} type="date" disabled={!editable} />}
    </Field>
  );
}

/**
 * A select; with `emptyLabel` the empty choice is null (no decision, the service's unit), so the value
 * is the schema's nullable field, not an empty string.
 */
export function SelectInput({
  name,
  label,
  options,
  emptyLabel,
  required,
  hint,
}: Base & { options: readonly Option[]; emptyLabel?: string }) {
  // Controlled: the options (the map's stages) change as the form is edited, and the chosen value
  // must stay chosen even while its option is being renamed.
  const { field } = useController({ name });
  const editable = useEditable();
  const value = field.value as unknown;
  const current = typeof value === 'string' ? value : '';
  // A value the options do not name (a unit of another municipality, a stage being renamed) stays visible.
  const known = current === '' || options.some((option) => option.value === current);
  return (
    <Field name={name} id={idOf(name)} label={label} required={required} hint={hint}>
      {(control) => (
        <select
          {...control}
          name={field.name}
          ref={field.ref}
          value={current}
          onBlur={field.onBlur}
          onChange={(event) =>
            field.onChange(emptyLabel !== undefined && event.target.value === '' ? null : event.target.value)
          }
          disabled={!editable}
        >
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {!known && <option value={current}>{current}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxInput({ name, label }: { name: string; label: string }) {
  const { register } = useFormContext();
  const editable = useEditable();
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" {...register(name)} disabled={!editable} />
        {label}
      </label>
    </div>
  );
}

/** A list of enum values chosen by checkboxes (channels, roles). */
export function CheckboxGroup({ name, label, options }: { name: string; label: string; options: Option[] }) {
  const { field, fieldState } = useController({ name });
  const editable = useEditable();
  const chosen = (field.value as string[] | undefined) ?? [];
  const error =
    fieldState.error?.message ??
    (fieldState.error as { root?: { message?: string } } | undefined)?.root?.message;
  return (
    <fieldset className={error ? 'field field-invalid' : 'field'}>
      <legend>{label}</legend>
      <div className="checkbox-group">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(option.value)}
              disabled={!editable}
              onChange={(event) =>
                field.onChange(
                  event.target.checked
                    ? options.map((o) => o.value).filter((v) => v === option.value || chosen.includes(v))
                    : chosen.filter((v) => v !== option.value),
                )
              }
            />
            {option.label}
          </label>
        ))}
      </div>
      {error && <div className="field-error">{error}</div>}
    </fieldset>
  );
}

/**
 * A part that may be absent (a fee, a result's validity, a request's answer term): a checkbox adds it
 * with `make()` or sets it to null; its controls show only while it is there.
 */
export function Optional({
  name,
  label,
  make,
  children,
}: {
  name: string;
  label: string;
  make: () => unknown;
  children: ReactNode;
}) {
  const { setValue } = useFormContext();
  const editable = useEditable();
  const value = useWatch({ name }) as unknown;
  const present = value !== null && value !== undefined;
  return (
    <div className="optional-part">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={present}
          disabled={!editable}
          onChange={(event) => setValue(name, event.target.checked ? make() : null, { shouldDirty: true })}
        />
        {label}
      </label>
      {present && <div className="optional-body">{children}</div>}
    </div>
  );
}

/** A term: amount and unit of days. */
export function TermInput({ name, label }: { name: string; label: string }) {
  return (
    <div className="term-input">
      <NumberInput name={`${name}.amount`} label={label} required />
      <SelectInput
        name={`${name}.unit`}
        label="Дни"
        options={[
          { value: 'working_days', label: 'рабочие' },
          { value: 'calendar_days', label: 'календарные' },
        ]}
      />
    </div>
  );
}

interface ListEditorProps {
  /** The array's path in the definition. */
  name: string;
  title: string;
  /** The label of one item («Документ»), for its legend and its buttons' names. */
  itemLabel: string;
  /** What a new item holds. */
  make: () => Record<string, unknown>;
  /** The item's own controls, named under `${name}.${index}`. */
  render: (index: number) => ReactNode;
  /** A short summary of an item (its name) for the legend. */
  summary?: (index: number) => string;
  addLabel?: string;
  empty?: string;
  /** Each item folds under its heading (the stages of a map); the id of item i is `${itemId}-${i}`. */
  collapsible?: { itemId: string };
  /** Shown at the top of an item (the validator's problems of a stage). */
  notes?: (index: number) => ReactNode;
}

/** An editable list: each item a fieldset with «Выше», «Ниже», «Удалить»; «Добавить» at the end. */
export function ListEditor({
  name,
  title,
  itemLabel,
  make,
  render,
  summary,
  addLabel,
  empty,
  collapsible,
  notes,
}: ListEditorProps) {
  const { control, getFieldState, formState } = useFormContext<FieldValues>();
  const { fields, append, remove, move } = useFieldArray({ control, name: name });
  const editable = useEditable();
  // Folded items render their controls only once opened: a map of twenty stages stays light.
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const state = getFieldState(name, formState).error as
    { message?: string; root?: { message?: string } } | undefined;
  const error = state?.message ?? state?.root?.message;
  return (
    <section className="list-editor" aria-label={title}>
      <h3>{title}</h3>
      {fields.length === 0 && <p className="muted">{empty ?? 'Нет записей.'}</p>}
      {fields.map((field, index) => {
        const heading = `${itemLabel} ${index + 1}${summary ? `: ${summary(index)}` : ''}`;
        const body = (
          <>
            {notes?.(index)}
            {render(index)}
          </>
        );
        return (
          <fieldset key={field.id} className="list-item">
            <legend className={collapsible ? 'visually-hidden' : undefined}>{heading}</legend>
            {collapsible ? (
              <details
                id={`${collapsible.itemId}-${index}`}
                className="list-item-fold"
                // An item with a refused field opens by itself, so the error is seen.
                open={opened.has(field.id) || getFieldState(`${name}.${index}`, formState).invalid}
                onToggle={(event) => {
                  const open = event.currentTarget.open;
                  setOpened((previous) => {
                    if (previous.has(field.id) === open) return previous;
                    const next = new Set(previous);
                    if (open) next.add(field.id);
                    else next.delete(field.id);
                    return next;
                  });
                }}
              >
                <summary>{heading}</summary>
                {(opened.has(field.id) || getFieldState(`${name}.${index}`, formState).invalid) && body}
              </details>
            ) : (
              body
            )}
            {editable && (
              <div className="list-item-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={index === 0}
                  aria-label={`Выше: ${itemLabel.toLowerCase()} ${index + 1}`}
                  onClick={() => move(index, index - 1)}
                >
                  Выше
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={index === fields.length - 1}
                  aria-label={`Ниже: ${itemLabel.toLowerCase()} ${index + 1}`}
                  onClick={() => move(index, index + 1)}
                >
                  Ниже
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger-outline"
                  aria-label={`Удалить: ${itemLabel.toLowerCase()} ${index + 1}`}
                  onClick={() => remove(index)}
                >
                  Удалить
                </button>
              </div>
            )}
          </fieldset>
        );
      })}
      {error && <div className="field-error">{error}</div>}
      {editable && (
        <button type="button" className="btn btn-small" onClick={() => append(make())}>
          {addLabel ?? `Добавить: ${itemLabel.toLowerCase()}`}
        </button>
      )}
    </section>
  );
}

/** A list of plain strings (sources): one textarea per line would be heavy, so one per item. */
export function StringListEditor({
  name,
  title,
  itemLabel,
}: {
  name: string;
  title: string;
  itemLabel: string;
}) {
  const { setValue } = useFormContext();
  const editable = useEditable();
  const items = (useWatch({ name }) as string[] | undefined) ?? [];
  return (
    <section className="list-editor" aria-label={title}>
      <h3>{title}</h3>
      {items.length === 0 && <p className="muted">Нет записей.</p>}
      {items.map((_, index) => (
        <div key={index} className="string-item">
          <TextInput
            name={`${name}.${index}`}
            label={`${itemLabel} ${index + 1}`}
            multiline
            maxLength={2000}
          />
          {editable && (
            <button
              type="button"
              className="btn btn-small btn-danger-outline"
              aria-label={`Удалить: ${itemLabel.toLowerCase()} ${index + 1}`}
              onClick={() =>
                setValue(
                  name,
                  items.filter((__, i) => i !== index),
                  { shouldDirty: true },
                )
              }
            >
              Удалить
            </button>
          )}
        </div>
      ))}
      {editable && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setValue(name, [...items, ''], { shouldDirty: true })}
        >
          Добавить: {itemLabel.toLowerCase()}
        </button>
      )}
    </section>
  );
}
