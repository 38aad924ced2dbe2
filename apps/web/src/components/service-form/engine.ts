import {
  memberRequired,
  validateSubmission,
  visibleMembers,
  type ApplicantKind,
  type BlockMember,
  type Field,
  type FormDefinition,
  type FormProblem,
  type FormValues,
} from '@uslugi/contracts';

/** A block's member as the renderer shows it now: whether it must be filled for the chosen kind. */
export interface ShownMember extends BlockMember {
  required: boolean;
}

type BlockField = Field & { type: 'applicant' | 'representative' };
const isBlock = (field: Field): field is BlockField =>
  field.type === 'applicant' || field.type === 'representative';

/**
 * The members of a block to show for its value: of the applicant, those of the chosen kind (the kinds
 * offered limited to the service's), of the representative those whose condition holds.
 */
export function blockMembers(
  field: Field,
  value: Record<string, string> | undefined,
  kinds: readonly ApplicantKind[] | undefined,
): ShownMember[] {
  if (!isBlock(field)) return [];
  return visibleMembers(field.type, value).map((m) => ({
    ...m,
    options:
      m.key === 'kind' && field.type === 'applicant' && kinds
        ? (m.options ?? []).filter((o) => kinds.includes(o.value as ApplicantKind))
        : m.options,
    required: memberRequired(field.type, m, value),
  }));
}

/** A block's empty value: every member empty, the applicant's kind the first the service admits. */
export function blockDefaults(
  field: Field,
  kinds: readonly ApplicantKind[] | undefined,
): Record<string, string> {
  if (!isBlock(field)) return {};
  const value: Record<string, string> = {};
  for (const m of visibleMembers(field.type, { kind: 'individual' })) value[m.key] = '';
  for (const m of visibleMembers(field.type, { kind: 'legal_entity' })) value[m.key] = '';
  if (field.type === 'representative') value.authorityValidUntil = '';
  if (field.type === 'applicant') value.kind = kinds?.[0] ?? 'individual';
  return value;
}

/** The members of a block value to send: those shown for it. */
export function shownBlockValue(
  field: Field,
  value: Record<string, string | null>,
): Record<string, string | null> {
  if (!isBlock(field)) return value;
  const shown: Record<string, string | null> = {};
  for (const m of visibleMembers(field.type, value)) shown[m.key] = value[m.key] ?? null;
  return shown;
}

/**
 * The check the server runs on a submission (`validateSubmission`), on the web before anything is
 * sent. A definition still being edited (a pattern that is not a regular expression) is not the
 * applicant's fault: its own problem is named instead.
 */
export function checkSubmission(
  form: FormDefinition,
  values: FormValues,
  today: string,
  applicantKinds: readonly ApplicantKind[] | undefined,
  held?: readonly string[],
): FormProblem[] {
  try {
    return validateSubmission(form, values, {
      today,
      ...(applicantKinds ? { applicantKinds } : {}),
      ...(held ? { held } : {}),
    }).problems;
  } catch {
    return [{ field: '', message: 'Форму не удалось проверить: в её описании есть ошибка.' }];
  }
}
