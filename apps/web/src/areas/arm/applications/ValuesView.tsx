import {
  visibleFields,
  visibleMembers,
  type ApplicationFile,
  type Field,
  type FormDefinition,
} from '@uslugi/contracts';
import { formatDate } from '../../../lib/format';
import './applications.css';

const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

function optionLabel(field: { options: readonly { value: string; label: string }[] | null }, value: string) {
  return field.options?.find((o) => o.value === value)?.label ?? value;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Да' : 'Нет';
  if (isIsoDate(value)) return formatDate(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function FieldValue(props: { field: Field; value: unknown; files: readonly ApplicationFile[] }) {
  const { field, value } = props;
  if (field.type === 'applicant' || field.type === 'representative') {
    const block = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const members = visibleMembers(field.type, block).filter(
      (m) => block[m.key] != null && block[m.key] !== '',
    );
    if (members.length === 0) return <>—</>;
    return (
      <dl className="arm-facts arm-facts-nested">
        {members.map((m) => (
          <div key={m.key}>
            <dt>{m.label}</dt>
            <dd>{m.options ? optionLabel(m, scalar(block[m.key])) : scalar(block[m.key])}</dd>
          </div>
        ))}
      </dl>
    );
  }
  if (field.type === 'file') {
    const ids = Array.isArray(value) ? (value as unknown[]).map((v) => scalar(v)) : [];
    if (ids.length === 0) return <>—</>;
    return <>{ids.map((id) => props.files.find((f) => f.id === id)?.fileName ?? id).join(', ')}</>;
  }
  if (field.type === 'choice') {
    const chosen = Array.isArray(value)
      ? (value as unknown[]).map((v) => scalar(v))
      : value == null
        ? []
        : [scalar(value)];
    return <>{chosen.length > 0 ? chosen.map((v) => optionLabel(field, v)).join(', ') : '—'}</>;
  }
  if (field.type === 'checkbox') return <>{value === true ? 'Да' : 'Нет'}</>;
  return <>{scalar(value)}</>;
}

/**
 * An application's values as read-only text under the form's own labels, section by section; the
 * fields hidden by their conditions are not shown (they were not asked).
 */
export function ValuesView(props: {
  form: FormDefinition;
  values: Record<string, unknown>;
  files: readonly ApplicationFile[];
}) {
  const shown = new Set(visibleFields(props.form, props.values).map((f) => f.key));
  return (
    <div data-testid="application-values">
      {props.form.sections.map((section) => {
        const fields = section.fields.filter((f) => shown.has(f.key));
        if (fields.length === 0) return null;
        return (
          <section key={section.key}>
            <h3>{section.title}</h3>
            <dl className="arm-facts">
              {fields.map((field) => (
                <div key={field.key}>
                  <dt>{field.label}</dt>
                  <dd>
                    <FieldValue field={field} value={props.values[field.key]} files={props.files} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
