import type {
  ApplicantKind,
  Condition,
  Field as FormField,
  FormDefinition,
  FormProblem,
  FormValues,
} from '@uslugi/contracts';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { FormProvider, get, set, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { todayIso } from '../../lib/format';
import { FormAlert } from '../form/Form';
import { blockDefaults, checkSubmission } from './engine';
import { BlockField } from './BlockField';
import { FieldControl } from './controls';
import { controlId, emptyValues, toSubmission, visibleKeys, type RawValues } from './values';
import '../form/form.css';
import './service-form.css';

export interface FormRendererProps {
  form: FormDefinition;
  /** Problems found elsewhere (the server's check), each shown under its field. */
  problems?: readonly FormProblem[] | undefined;
  /** Runs with the submission once the form's own check (the server's function) finds nothing. */
  onSubmit?: ((values: FormValues) => void | Promise<void>) | undefined;
  submitLabel?: string;
  /** Disables the button while the caller's request is on its way. */
  pending?: boolean;
  /** A preview: every field shown (with the condition that shows it), nothing to type or send. */
  readOnly?: boolean;
  /** The applicant kinds the service admits (its card's categories); all when omitted. */
  applicantKinds?: readonly ApplicantKind[] | undefined;
  /** Prefix of the controls' ids, when two forms share a page. */
  idPrefix?: string;
  /** The heading level of the sections (2 under the page's h1). */
  headingLevel?: 2 | 3;
  /** The date the check counts from (`YYYY-MM-DD`); today in Moscow time by default. */
  today?: string;
  /** Buttons beside the submit button. */
  actions?: ReactNode;
  /** Values the form starts with (a saved draft, a prefill); the rest start empty. */
  initialValues?: Readonly<Record<string, unknown>> | undefined;
  /** Told the submission as it stands after every change (a draft to save). */
  onValuesChange?: ((values: FormValues) => void) | undefined;
  /**
   * Keys of file fields whose document is already held (004 item 9): such a required field may stay
   * empty, as the server's check allows.
   */
  held?: readonly string[] | undefined;
  /** Renders a file field's control instead of the built-in one (uploads on the portal). */
  renderFile?: ((field: FormField, idPrefix: string) => ReactNode) | undefined;
  'aria-label'?: string;
}

/** Paths of the problems a form shows: a field key, or a block's member (`applicant.inn`). */
function errorsOf(problems: readonly FormProblem[]): FieldErrors<RawValues> {
  const errors: FieldErrors<RawValues> = {};
  for (const problem of problems) {
    if (get(errors, problem.field) === undefined)
      set(errors, problem.field, { type: 'validate', message: problem.message });
  }
  return errors;
}

/**
 * An application form from its definition: sections of typed fields, the applicant's and the
 * representative's blocks, fields shown by the answers to others. On submit it runs the check the
 * server runs on the same definition (`validateSubmission`), so both say the same words under the
 * same fields. Used unchanged on the portal, in the workplace and as the constructor's preview.
 */
export function FormRenderer(props: FormRendererProps) {
  const { form: definition, readOnly = false, idPrefix = 'sf-', headingLevel = 2 } = props;
  const today = props.today ?? todayIso();
  const kinds = props.applicantKinds;
  const held = props.held;
  const current = useRef({ definition, today, kinds, held });
  current.current = { definition, today, kinds, held };
  const [general, setGeneral] = useState<FormProblem[]>([]);

  const resolver = useMemo<Resolver<RawValues>>(
    () => (values) => {
      const { definition: def, today: day, kinds: allowed, held: kept } = current.current;
      const problems = checkSubmission(def, toSubmission(def, values), day, allowed, kept);
      return problems.length === 0 ? { values, errors: {} } : { values: {}, errors: errorsOf(problems) };
    },
    [],
  );
  const methods = useForm<RawValues>({
    defaultValues: withInitial(
      emptyValues(definition, (field) => blockDefaults(field, kinds)),
      props.initialValues,
    ),
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const values = useWatch({ control: methods.control }) as RawValues;
  const { onValuesChange } = props;
  useEffect(() => {
    onValuesChange?.(toSubmission(definition, methods.getValues()));
  }, [values, onValuesChange, definition]);
  const shown = readOnly
    ? new Set(definition.sections.flatMap((s) => s.fields.map((f) => f.key)))
    : visibleKeys(definition, values);

  /** Whether a problem's field is on screen now (else it is listed above the buttons). */
  const placed = (path: string) => {
    const [key = '', member] = path.split('.');
    if (!shown.has(key)) return false;
    if (member === undefined) return true;
    return document.getElementById(controlId(idPrefix, path)) !== null;
  };

  // The server's answer: each problem under its field, the rest above the buttons, focus on the first.
  const { problems } = props;
  useEffect(() => {
    if (!problems) return;
    methods.clearErrors();
    const rest: FormProblem[] = [];
    let first: string | null = null;
    for (const problem of problems) {
      if (!placed(problem.field)) {
        rest.push(problem);
        continue;
      }
      methods.setError(problem.field, { type: 'server', message: problem.message });
      first ??= problem.field;
    }
    setGeneral(rest);
    if (first) document.getElementById(controlId(idPrefix, first))?.focus();
    // Only a new answer re-spreads the problems; `placed` reads the form as it is at that moment.
  }, [problems]);

  const submit = methods.handleSubmit(
    async (raw) => {
      setGeneral([]);
      await props.onSubmit?.(toSubmission(definition, raw));
    },
    (errors) => {
      const rest: FormProblem[] = [];
      collect(errors, '', (field, message) => {
        if (!placed(field)) rest.push({ field, message });
      });
      setGeneral(rest);
    },
  );

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <FormProvider {...methods}>
      <form
        className="form service-form"
        noValidate
        aria-label={props['aria-label']}
        onSubmit={(event) => void submit(event)}
        data-testid="service-form"
      >
        <fieldset className="service-form-body" disabled={readOnly}>
          {definition.sections.map((section) => {
            const fields = section.fields.filter((field) => shown.has(field.key));
            if (fields.length === 0 && !readOnly) return null;
            return (
              <section key={section.key} className="service-form-section">
                <Heading>{section.title}</Heading>
                {fields.map((field) => (
                  <RenderedField
                    key={field.key}
                    field={field}
                    idPrefix={idPrefix}
                    applicantKinds={kinds}
                    note={readOnly && field.showIf ? describeCondition(field.showIf, definition) : null}
                    renderFile={props.renderFile}
                  />
                ))}
              </section>
            );
          })}
        </fieldset>
        {!readOnly && (
          <>
            {general.length > 0 && (
              <FormAlert
                error={general
                  .map((p) => (p.field ? `${labelOf(definition, p.field)}: ${p.message}` : p.message))
                  .join(' ')}
              />
            )}
            {(props.onSubmit || props.actions) && (
              <div className="form-actions">
                {props.onSubmit && (
                  <button
                    type="submit"
                    className="btn btn-primary"
                    disabled={props.pending}
                    data-testid="service-form-submit"
                  >
                    {props.submitLabel ?? 'Проверить заявление'}
                  </button>
                )}
                {props.actions}
              </div>
            )}
          </>
        )}
      </form>
    </FormProvider>
  );
}

/** Starting values over the empty ones, each as the form's control keeps it (texts as strings). */
function withInitial(empty: RawValues, initial: Readonly<Record<string, unknown>> | undefined): RawValues {
  if (!initial) return empty;
  const values = { ...empty };
  for (const [key, value] of Object.entries(initial)) {
    const blank = empty[key];
    if (blank === undefined || value === null || value === undefined) continue;
    if (typeof blank === 'boolean') values[key] = value === true;
    else if (Array.isArray(blank)) {
      if (Array.isArray(value)) values[key] = value.map(String);
      else if (typeof value === 'string') values[key] = [value];
    } else if (typeof blank === 'object') {
      if (typeof value === 'object' && !Array.isArray(value)) {
        const block: Record<string, string> = { ...blank };
        for (const [member, text] of Object.entries(value as Record<string, unknown>)) {
          if (typeof text === 'string' || typeof text === 'number') block[member] = String(text);
        }
        values[key] = block;
      }
    } else if (typeof value === 'string' || typeof value === 'number') values[key] = String(value);
  }
  return values;
}

function collect(node: unknown, path: string, found: (field: string, message: string) => void): void {
  if (typeof node !== 'object' || node === null) return;
  const message = (node as { message?: unknown }).message;
  if (typeof message === 'string') {
    found(path, message);
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'ref') collect(child, path ? `${path}.${key}` : key, found);
  }
}

function labelOf(form: FormDefinition, path: string): string {
  const key = path.split('.')[0];
  return form.sections.flatMap((s) => s.fields).find((f) => f.key === key)?.label ?? path;
}

/** «Показывается, если отмечено «Заявление подаёт представитель»». */
export function describeCondition(condition: Condition, form: FormDefinition): string {
  const other = form.sections.flatMap((s) => s.fields).find((f) => f.key === condition.field);
  const name = `«${other?.label ?? condition.field}»`;
  const option = (value: string | number | boolean) =>
    typeof value === 'boolean'
      ? value
        ? 'да'
        : 'нет'
      : `«${other?.options?.find((o) => o.value === String(value))?.label ?? String(value)}»`;
  if (condition.equals !== null) {
    if (other?.type === 'checkbox')
      return `Показывается, если ${condition.equals === true ? 'отмечено' : 'не отмечено'} ${name}`;
    return `Показывается, если в поле ${name} выбрано ${option(condition.equals)}`;
  }
  if (condition.oneOf !== null)
    return `Показывается, если в поле ${name} выбрано одно из: ${condition.oneOf.map(option).join(', ')}`;
  if (condition.filled !== null)
    return `Показывается, если поле ${name} ${condition.filled ? 'заполнено' : 'не заполнено'}`;
  return `Показывается по полю ${name}`;
}

function RenderedField(props: {
  field: FormField;
  idPrefix: string;
  applicantKinds: readonly ApplicantKind[] | undefined;
  note: string | null;
  renderFile?: ((field: FormField, idPrefix: string) => ReactNode) | undefined;
}) {
  const { field } = props;
  if (field.type === 'file' && props.renderFile) return <>{props.renderFile(field, props.idPrefix)}</>;
  if (field.type === 'applicant' || field.type === 'representative')
    return (
      <BlockField
        field={field}
        idPrefix={props.idPrefix}
        applicantKinds={props.applicantKinds}
        note={props.note}
      />
    );
  return <FieldControl field={field} idPrefix={props.idPrefix} note={props.note} />;
}
