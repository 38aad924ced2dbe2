import { FIELD_TYPE_TITLES, type FormDefinition } from '@uslugi/contracts';
import { useWatch } from 'react-hook-form';

/** «Форма заявления»: the application form's sections and fields as they are saved. */
export function FormTab() {
  const form = useWatch({ name: 'form' }) as FormDefinition | undefined;
  return (
    <div className="definition-part" data-testid="catalog-form">
      <p className="muted">Форма заявления показана для просмотра.</p>
      {(form?.sections ?? []).map((section) => (
        <section key={section.key} className="panel">
          <h2>{section.title}</h2>
          {section.fields.length === 0 ? (
            <p className="muted">В разделе нет полей.</p>
          ) : (
            <ul className="form-preview">
              {section.fields.map((field) => (
                <li key={field.key}>
                  <strong>{field.label}</strong>
                  {field.required ? ' (обязательное)' : ''} — {FIELD_TYPE_TITLES[field.type] ?? field.type}
                  {field.hint ? <div className="muted">{field.hint}</div> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
