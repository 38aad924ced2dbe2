import {
  FIELD_TYPE_TITLES,
  type ApplicantKind,
  type DefinitionProblem,
  type FormDefinition,
} from '@uslugi/contracts';
import { useController, useWatch } from 'react-hook-form';
import { FormConstructor } from '../../../components/service-form';
import { useEditable } from './fields';

/**
 * «Форма заявления»: the application form in the constructor (sections, fields, conditions, checks,
 * a live preview); a reader sees its sections and fields as a list.
 */
export function FormTab({ problems }: { problems: readonly DefinitionProblem[] }) {
  const editable = useEditable();
  return (
    <div className="definition-part" data-testid="catalog-form">
      {editable ? <FormEditor problems={problems} /> : <FormView />}
    </div>
  );
}

function FormEditor({ problems }: { problems: readonly DefinitionProblem[] }) {
  const { field } = useController({ name: 'form' });
  const categories = useWatch({ name: 'card.applicantCategories' }) as { kind: ApplicantKind }[] | undefined;
  return (
    <FormConstructor
      value={field.value as FormDefinition}
      onChange={(next) => field.onChange(next)}
      problems={problems.filter((problem) => problem.part === 'form')}
      applicantKinds={(categories ?? []).map((category) => category.kind)}
    />
  );
}

function FormView() {
  const form = useWatch({ name: 'form' }) as FormDefinition | undefined;
  return (
    <>
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
    </>
  );
}
