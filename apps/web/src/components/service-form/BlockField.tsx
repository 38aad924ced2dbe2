import type { ApplicantKind, Field as FormField } from '@uslugi/contracts';
import { useFormContext, useWatch } from 'react-hook-form';
import { Control, Group, hintOf } from './controls';
import { blockMembers } from './engine';
import { controlId } from './values';

/**
 * The applicant's or the representative's block: its members as the contracts list them, those of the
 * chosen kind of applicant (a person, an entrepreneur, an organisation), each required as for that kind.
 */
export function BlockField(props: {
  field: FormField;
  idPrefix: string;
  applicantKinds: readonly ApplicantKind[] | undefined;
  note: string | null;
}) {
  const { field, idPrefix } = props;
  const { getFieldState, formState } = useFormContext();
  const block = useWatch({ name: field.key }) as Record<string, string> | undefined;
  const members = blockMembers(field, block, props.applicantKinds);
  const id = controlId(idPrefix, field.key);
  const error = getFieldState(field.key, formState).error?.message;
  const hint = hintOf(field.hint, field.type, props.note);
  return (
    <Group
      id={id}
      label={field.label}
      required={field.required}
      error={error}
      hint={hint}
      describedBy={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      className="service-block"
    >
      <div className="service-block-members">
        {members.map((member) => (
          <Control
            key={member.key}
            idPrefix={idPrefix}
            spec={{
              path: `${field.key}.${member.key}`,
              label: member.label,
              type: member.type,
              required: member.required,
              hint: hintOf(member.hint, member.type, null),
              options: member.options,
              multiple: false,
              maxLength: member.maxLength,
            }}
          />
        ))}
      </div>
    </Group>
  );
}
