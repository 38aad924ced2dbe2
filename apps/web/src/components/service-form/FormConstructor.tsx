import {
  FIELD_TYPE_TITLES,
  FIELD_TYPES,
  PREFILL_SOURCES,
  type ApplicantKind,
  type Condition,
  type DefinitionProblem,
  type Field,
  type FieldType,
  type FormDefinition,
  type Section,
  type Validation,
} from '@uslugi/contracts';
import { useEffect, useRef, useState } from 'react';
import { FormRenderer } from './FormRenderer';
import {
  EMPTY_VALIDATION,
  conditionCandidates,
  move,
  newField,
  newSection,
  validationKinds,
  withType,
} from './constructor-model';
import './form-constructor.css';

const PREFILL_TITLES: Record<(typeof PREFILL_SOURCES)[number], string> = {
  esia: 'Из учётной записи Госуслуг',
  applicant_registry: 'Из реестра заявителей',
  previous_application: 'Из предыдущего заявления',
};

export interface FormConstructorProps {
  value: FormDefinition;
  onChange: (next: FormDefinition) => void;
  /** What the validator says of the definition (those of the form are listed above the editor). */
  problems?: readonly DefinitionProblem[] | undefined;
  /** The applicant kinds of the service's card, for the preview's applicant block. */
  applicantKinds?: readonly ApplicantKind[] | undefined;
}

/** Stable ids of sections and fields while they are edited (an edit replaces the object, not its id). */
function useUids() {
  const map = useRef(new WeakMap<object, string>());
  const counter = useRef(0);
  const uid = (item: object): string => {
    let id = map.current.get(item);
    if (!id) {
      id = `fc${++counter.current}`;
      map.current.set(item, id);
    }
    return id;
  };
  const carry = <T extends object>(from: object, to: T): T => {
    map.current.set(to, uid(from));
    return to;
  };
  return { uid, carry };
}

/**
 * Edits an application form: sections and their fields (added, removed, moved up and down with
 * buttons), each field's label, type, hint, options, condition, checks and prefill; a live preview
 * of the form beside it, as applicants will see it.
 */
export function FormConstructor({ value, onChange, problems, applicantKinds }: FormConstructorProps) {
  const { uid, carry } = useUids();
  const [open, setOpen] = useState<Set<string>>(new Set());
  // After a move, an addition or a removal the focus goes where the keyboard user expects it.
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const sections = value.sections;
  const setSections = (next: Section[]) => onChange({ ...value, sections: next });
  const setSection = (si: number, section: Section) =>
    setSections(sections.map((s, i) => (i === si ? carry(s, section) : s)));
  const setField = (si: number, fi: number, field: Field) => {
    const section = sections[si];
    if (!section) return;
    setSection(si, { ...section, fields: section.fields.map((f, i) => (i === fi ? carry(f, field) : f)) });
  };

  const addSection = () => {
    const section = newSection(value);
    setSections([...sections, section]);
    setFocusId(`${uid(section)}-title`);
  };
  const addField = (si: number) => {
    const section = sections[si];
    if (!section) return;
    const field = newField(value);
    setSection(si, { ...section, fields: [...section.fields, field] });
    setOpen((o) => new Set(o).add(uid(field)));
    setFocusId(`${uid(field)}-label`);
  };
  const removeSection = (si: number) => {
    setSections(sections.filter((_, i) => i !== si));
    setFocusId('fc-add-section');
  };
  const removeField = (si: number, fi: number) => {
    const section = sections[si];
    if (!section) return;
    setSection(si, { ...section, fields: section.fields.filter((_, i) => i !== fi) });
    setFocusId(`${uid(section)}-add`);
  };
  const moveSection = (si: number, by: -1 | 1) => {
    const section = sections[si];
    if (!section) return;
    setSections(move(sections, si, by));
    setFocusId(`${uid(section)}-${by < 0 ? 'up' : 'down'}`);
  };
  /** Up from a section's first field goes to the end of the section above; down likewise. */
  const moveField = (si: number, fi: number, by: -1 | 1) => {
    const section = sections[si];
    const field = section?.fields[fi];
    if (!section || !field) return;
    const to = fi + by;
    if (to >= 0 && to < section.fields.length) {
      setSection(si, { ...section, fields: move(section.fields, fi, by) });
    } else {
      const other = sections[si + by];
      if (!other) return;
      const without = { ...section, fields: section.fields.filter((_, i) => i !== fi) };
      const withIt = { ...other, fields: by < 0 ? [...other.fields, field] : [field, ...other.fields] };
      setSections(
        sections.map((s, i) => (i === si ? carry(s, without) : i === si + by ? carry(s, withIt) : s)),
      );
    }
    setFocusId(`${uid(field)}-${by < 0 ? 'up' : 'down'}`);
  };
  const toggle = (id: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const formProblems = (problems ?? []).filter((p) => p.part === 'form');
  const allFields = sections.flatMap((s) => s.fields);
  // The preview starts anew when the fields themselves change (keys, types), not at every letter typed.
  const previewKey = allFields.map((f) => `${f.key}:${f.type}:${f.multiple}`).join('|');

  return (
    <div className="form-constructor" data-testid="form-constructor">
      <div className="fc-editor">
        {formProblems.length > 0 && (
          <div className="notice notice-warn" role="status">
            <ul className="fc-problems">
              {formProblems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        <ol className="fc-sections">
          {sections.map((section, si) => {
            const sid = uid(section);
            return (
              <li key={sid} className="fc-section">
                <div className="fc-head">
                  <h3 id={`${sid}-heading`} className="fc-section-heading">
                    Раздел {si + 1}
                  </h3>
                  <MoveButtons
                    id={sid}
                    what={`раздел «${section.title}»`}
                    first={si === 0}
                    last={si === sections.length - 1}
                    onMove={(by) => moveSection(si, by)}
                    onRemove={sections.length > 1 ? () => removeSection(si) : undefined}
                  />
                </div>
                <div className="fc-row">
                  <TextInput
                    id={`${sid}-title`}
                    label="Название раздела"
                    value={section.title}
                    maxLength={300}
                    onChange={(title) => setSection(si, { ...section, title })}
                  />
                  <TextInput
                    id={`${sid}-key`}
                    label="Ключ раздела"
                    value={section.key}
                    maxLength={60}
                    onChange={(key) => setSection(si, { ...section, key })}
                  />
                </div>
                <ol className="fc-fields">
                  {section.fields.map((field, fi) => {
                    const id = uid(field);
                    const isOpen = open.has(id);
                    return (
                      <li key={id} className="fc-field">
                        <div className="fc-head">
                          <button
                            type="button"
                            id={`${id}-toggle`}
                            className="btn btn-link fc-toggle"
                            aria-expanded={isOpen}
                            aria-controls={`${id}-editor`}
                            onClick={() => toggle(id)}
                          >
                            {field.label || 'Без надписи'}
                            <span className="muted">
                              {' '}
                              — {FIELD_TYPE_TITLES[field.type]}
                              {field.required ? ', обязательное' : ''}
                              {field.showIf ? ', с условием' : ''}
                            </span>
                          </button>
                          <MoveButtons
                            id={id}
                            what={`поле «${field.label}»`}
                            first={si === 0 && fi === 0}
                            last={si === sections.length - 1 && fi === section.fields.length - 1}
                            onMove={(by) => moveField(si, fi, by)}
                            onRemove={() => removeField(si, fi)}
                          />
                        </div>
                        {isOpen && (
                          <FieldEditor
                            id={id}
                            field={field}
                            form={value}
                            onChange={(next) => setField(si, fi, next)}
                          />
                        )}
                      </li>
                    );
                  })}
                </ol>
                {section.fields.length === 0 && <p className="muted">В разделе нет полей.</p>}
                <button
                  type="button"
                  id={`${sid}-add`}
                  className="btn btn-small"
                  onClick={() => addField(si)}
                >
                  Добавить поле<span className="visually-hidden"> в раздел «{section.title}»</span>
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" id="fc-add-section" className="btn" onClick={addSection}>
          Добавить раздел
        </button>
      </div>
      <section className="fc-preview" aria-labelledby="fc-preview-heading">
        <h3 id="fc-preview-heading">Предпросмотр</h3>
        <p className="muted">Форма, как её увидит заявитель. Введённое здесь никуда не отправляется.</p>
        <div className="fc-preview-body">
          <FormRenderer
            key={previewKey}
            form={value}
            applicantKinds={applicantKinds}
            idPrefix="fc-preview-"
            headingLevel={3}
            submitLabel="Проверить заполнение"
            onSubmit={() => undefined}
            aria-label="Предпросмотр формы"
          />
        </div>
      </section>
    </div>
  );
}

function MoveButtons(props: {
  id: string;
  /** «поле «Телефон»», said to screen readers after the button's word. */
  what: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRemove: (() => void) | undefined;
}) {
  const hidden = <span className="visually-hidden"> {props.what}</span>;
  return (
    <div className="fc-buttons">
      <button
        type="button"
        id={`${props.id}-up`}
        className="btn btn-small"
        disabled={props.first}
        onClick={() => props.onMove(-1)}
      >
        Выше{hidden}
      </button>
      <button
        type="button"
        id={`${props.id}-down`}
        className="btn btn-small"
        disabled={props.last}
        onClick={() => props.onMove(1)}
      >
        Ниже{hidden}
      </button>
      {props.onRemove && (
        <button type="button" className="btn btn-small btn-danger-outline" onClick={props.onRemove}>
          Удалить{hidden}
        </button>
      )}
    </div>
  );
}

function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  hint?: string;
  multiline?: boolean;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={props.id}>{props.label}</label>
      </div>
      {props.multiline ? (
        <textarea
          id={props.id}
          rows={2}
          value={props.value}
          maxLength={props.maxLength}
          aria-describedby={hintId}
          onChange={(e) => props.onChange(e.target.value)}
        />
      ) : (
        <input
          id={props.id}
          value={props.value}
          maxLength={props.maxLength}
          aria-describedby={hintId}
          autoComplete="off"
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      {props.hint && (
        <div className="field-hint" id={hintId}>
          {props.hint}
        </div>
      )}
    </div>
  );
}

function SelectInput<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
}) {
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={props.id}>{props.label}</label>
      </div>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function CheckInput(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="checkbox fc-check">
      <input
        type="checkbox"
        id={props.id}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label}
    </label>
  );
}

const orNull = (text: string) => (text.trim() === '' ? null : text);
const numberOrNull = (text: string) => {
  const n = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
};

function FieldEditor({
  id,
  field,
  form,
  onChange,
}: {
  id: string;
  field: Field;
  form: FormDefinition;
  onChange: (field: Field) => void;
}) {
  const set = (patch: Partial<Field>) => onChange({ ...field, ...patch });
  const block = field.type === 'applicant' || field.type === 'representative';
  return (
    <div className="fc-field-editor" id={`${id}-editor`}>
      <div className="fc-row">
        <TextInput
          id={`${id}-label`}
          label="Надпись"
          value={field.label}
          maxLength={500}
          onChange={(label) => set({ label })}
        />
        <TextInput
          id={`${id}-key`}
          label="Ключ поля"
          value={field.key}
          maxLength={60}
          hint="Латинские строчные буквы, цифры, «_» и «-»; сохраняется между версиями"
          onChange={(key) => set({ key })}
        />
        <SelectInput<FieldType>
          id={`${id}-type`}
          label="Тип"
          value={field.type}
          options={FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_TITLES[t] }))}
          onChange={(type) => onChange(withType(field, type))}
        />
      </div>
      <div className="fc-row fc-checks">
        <CheckInput
          id={`${id}-required`}
          label="Обязательное"
          checked={field.required}
          onChange={(required) => set({ required })}
        />
        {(field.type === 'choice' || field.type === 'file') && (
          <CheckInput
            id={`${id}-multiple`}
            label={field.type === 'file' ? 'Несколько файлов' : 'Можно выбрать несколько'}
            checked={field.multiple}
            onChange={(multiple) => set({ multiple })}
          />
        )}
      </div>
      <TextInput
        id={`${id}-hint`}
        label="Подсказка"
        value={field.hint ?? ''}
        maxLength={2000}
        multiline
        onChange={(hint) => set({ hint: orNull(hint) })}
      />
      {field.type === 'choice' && <OptionsEditor id={id} field={field} onChange={onChange} />}
      <ConditionEditor id={id} field={field} form={form} onChange={(showIf) => set({ showIf })} />
      {!block && <ValidationEditor id={id} field={field} onChange={(validation) => set({ validation })} />}
      {!block && (
        <fieldset className="fc-group">
          <legend>Предзаполнение</legend>
          <div className="fc-row">
            <SelectInput
              id={`${id}-prefill-source`}
              label="Откуда взять значение"
              value={field.prefill?.source ?? ''}
              options={[
                { value: '', label: 'Не заполнять' },
                ...PREFILL_SOURCES.map((s) => ({ value: s, label: PREFILL_TITLES[s] })),
              ]}
              onChange={(source) =>
                set({ prefill: source ? { source, path: field.prefill?.path ?? '' } : null })
              }
            />
            {field.prefill && (
              <TextInput
                id={`${id}-prefill-path`}
                label="Какое сведение"
                value={field.prefill.path}
                maxLength={100}
                hint="Например, snils, registrationAddress или ключ поля прежнего заявления"
                onChange={(path) => set({ prefill: { source: field.prefill?.source ?? 'esia', path } })}
              />
            )}
          </div>
        </fieldset>
      )}
    </div>
  );
}

function OptionsEditor({
  id,
  field,
  onChange,
}: {
  id: string;
  field: Field;
  onChange: (field: Field) => void;
}) {
  const options = field.options ?? [];
  const setOptions = (next: typeof options) => onChange({ ...field, options: next });
  return (
    <fieldset className="fc-group">
      <legend>Варианты выбора</legend>
      <ol className="fc-options">
        {options.map((option, i) => (
          <li key={i} className="fc-row">
            <TextInput
              id={`${id}-option-${i}-label`}
              label={`Вариант ${i + 1}: надпись`}
              value={option.label}
              maxLength={500}
              onChange={(label) => setOptions(options.map((o, j) => (j === i ? { ...o, label } : o)))}
            />
            <TextInput
              id={`${id}-option-${i}-value`}
              label={`Вариант ${i + 1}: значение`}
              value={option.value}
              maxLength={200}
              onChange={(v) => setOptions(options.map((o, j) => (j === i ? { ...o, value: v } : o)))}
            />
            <div className="fc-option-buttons">
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                onClick={() => setOptions(options.filter((_, j) => j !== i))}
              >
                Удалить<span className="visually-hidden"> вариант {i + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          let n = options.length + 1;
          while (options.some((o) => o.value === `option_${n}`)) n++;
          setOptions([...options, { value: `option_${n}`, label: `Вариант ${n}` }]);
        }}
      >
        Добавить вариант
      </button>
    </fieldset>
  );
}

type ConditionKind = 'equals' | 'filled' | 'empty';

function ConditionEditor({
  id,
  field,
  form,
  onChange,
}: {
  id: string;
  field: Field;
  form: FormDefinition;
  onChange: (condition: Condition | null) => void;
}) {
  const candidates = conditionCandidates(form, field.key);
  const condition = field.showIf;
  const other = candidates.find((f) => f.key === condition?.field);
  const kind: ConditionKind =
    condition?.filled === true ? 'filled' : condition?.filled === false ? 'empty' : 'equals';
  const build = (fieldKey: string, nextKind: ConditionKind, equals: Condition['equals']): Condition => ({
    field: fieldKey,
    equals: nextKind === 'equals' ? equals : null,
    oneOf: null,
    filled: nextKind === 'filled' ? true : nextKind === 'empty' ? false : null,
  });
  const firstValue = (f: Field | undefined): Condition['equals'] =>
    f?.type === 'checkbox' ? true : f?.type === 'choice' ? (f.options?.[0]?.value ?? '') : '';
  return (
    <fieldset className="fc-group">
      <legend>Условие показа</legend>
      <div className="fc-row">
        <SelectInput
          id={`${id}-showif-field`}
          label="Показывать"
          value={condition?.field ?? ''}
          options={[
            { value: '', label: 'Всегда' },
            ...candidates.map((f) => ({ value: f.key, label: `Если поле «${f.label}»` })),
          ]}
          onChange={(key) => {
            const chosen = candidates.find((f) => f.key === key);
            onChange(key ? build(key, 'equals', firstValue(chosen)) : null);
          }}
        />
        {condition && (
          <SelectInput<ConditionKind>
            id={`${id}-showif-kind`}
            label="Условие"
            value={kind}
            options={[
              { value: 'equals', label: other?.type === 'checkbox' ? 'отмечено или нет' : 'имеет значение' },
              { value: 'filled', label: 'заполнено' },
              { value: 'empty', label: 'не заполнено' },
            ]}
            onChange={(k) => onChange(build(condition.field, k, firstValue(other)))}
          />
        )}
        {condition && kind === 'equals' && other?.type === 'checkbox' && (
          <SelectInput
            id={`${id}-showif-value`}
            label="Значение"
            value={condition.equals === false ? 'false' : 'true'}
            options={[
              { value: 'true', label: 'отмечено' },
              { value: 'false', label: 'не отмечено' },
            ]}
            onChange={(v) => onChange(build(condition.field, 'equals', v === 'true'))}
          />
        )}
        {condition && kind === 'equals' && other?.type === 'choice' && (
          <SelectInput
            id={`${id}-showif-value`}
            label="Значение"
            value={String(condition.equals ?? '')}
            options={(other.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
            onChange={(v) => onChange(build(condition.field, 'equals', v))}
          />
        )}
        {condition && kind === 'equals' && other && !['checkbox', 'choice'].includes(other.type) && (
          <TextInput
            id={`${id}-showif-value`}
            label="Значение"
            value={String(condition.equals ?? '')}
            maxLength={1000}
            onChange={(v) => onChange(build(condition.field, 'equals', v))}
          />
        )}
      </div>
      {candidates.length === 0 && <p className="muted">Условие ставится по полям выше этого.</p>}
    </fieldset>
  );
}

function ValidationEditor({
  id,
  field,
  onChange,
}: {
  id: string;
  field: Field;
  onChange: (validation: Validation | null) => void;
}) {
  const kinds = validationKinds(field.type);
  if (!kinds.text && !kinds.range && !kinds.dates) return null;
  const v = field.validation ?? EMPTY_VALIDATION;
  const set = (patch: Partial<Validation>) => {
    const next = { ...v, ...patch };
    onChange(Object.values(next).every((x) => x === null) ? null : next);
  };
  const num = (value: number | null) => (value === null ? '' : String(value));
  return (
    <fieldset className="fc-group">
      <legend>Проверка значения</legend>
      {kinds.text && (
        <>
          <div className="fc-row">
            <TextInput
              id={`${id}-pattern`}
              label="Шаблон (регулярное выражение)"
              value={v.pattern ?? ''}
              maxLength={500}
              hint="Значение целиком должно ему соответствовать"
              onChange={(pattern) => set({ pattern: orNull(pattern) })}
            />
            <TextInput
              id={`${id}-pattern-message`}
              label="Сообщение, если не соответствует"
              value={v.patternMessage ?? ''}
              maxLength={300}
              onChange={(m) => set({ patternMessage: orNull(m) })}
            />
          </div>
          <div className="fc-row">
            <TextInput
              id={`${id}-min-length`}
              label="Не короче, символов"
              value={num(v.minLength)}
              maxLength={6}
              onChange={(x) => set({ minLength: numberOrNull(x) })}
            />
            <TextInput
              id={`${id}-max-length`}
              label="Не длиннее, символов"
              value={num(v.maxLength)}
              maxLength={6}
              onChange={(x) => set({ maxLength: numberOrNull(x) })}
            />
          </div>
        </>
      )}
      {kinds.range && (
        <div className="fc-row">
          <TextInput
            id={`${id}-min`}
            label="Не меньше"
            value={num(v.min)}
            maxLength={20}
            onChange={(x) => set({ min: numberOrNull(x) })}
          />
          <TextInput
            id={`${id}-max`}
            label="Не больше"
            value={num(v.max)}
            maxLength={20}
            onChange={(x) => set({ max: numberOrNull(x) })}
          />
        </div>
      )}
      {kinds.dates && (
        <div className="fc-row">
          <TextInput
            id={`${id}-min-date`}
            label="Не раньше"
            value={v.minDate ?? ''}
            maxLength={10}
            hint="ГГГГ-ММ-ДД или today (сегодня)"
            onChange={(x) => set({ minDate: orNull(x) })}
          />
          <TextInput
            id={`${id}-max-date`}
            label="Не позже"
            value={v.maxDate ?? ''}
            maxLength={10}
            hint="ГГГГ-ММ-ДД или today (сегодня)"
            onChange={(x) => set({ maxDate: orNull(x) })}
          />
        </div>
      )}
    </fieldset>
  );
}
