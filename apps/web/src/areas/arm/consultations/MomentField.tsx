import { useFormContext, type FieldValues, type Path } from 'react-hook-form';
import { Field } from '../../../components/form/Field';

/**
 * A moment typed in later (004 item 7: entered when it could not be at once); left empty, the server
 * takes the moment of sending.
 */
export function MomentField<TValues extends FieldValues>(props: {
  name: Path<TValues>;
  label: string;
  hint: string;
}) {
  const { register } = useFormContext<TValues>();
  return (
    <Field name={props.name} label={props.label} hint={props.hint}>
      {(control) => <input {...control} {...register(props.name)} type="datetime-local" step={60} />}
    </Field>
  );
}
