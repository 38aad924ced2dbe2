import { APPLICANT_KINDS, APPLICANT_KIND_TITLES, type ApplicantKind } from './service.js';

/**
 * The members of the form's blocks (`applicant`, `representative`) as data: the web renders them
 * field by field, and `validateSubmission` checks them by the same list. A block's value is an object
 * of strings by member key; a problem of a member is named `applicant.inn`, `representative.lastName`.
 */

export const BLOCK_MEMBER_TYPES = [
  'text',
  'date',
  'choice',
  'address',
  'snils',
  'inn',
  'ogrn',
  'phone',
  'email',
] as const;
export type BlockMemberType = (typeof BLOCK_MEMBER_TYPES)[number];

export interface BlockMember {
  key: string;
  label: string;
  type: BlockMemberType;
  /** The applicant kinds it is asked of; the representative's members are asked of every kind. */
  kinds: readonly ApplicantKind[];
  /** The kinds for which it must be filled. */
  requiredFor: readonly ApplicantKind[];
  /** For `choice`. */
  options: readonly { value: string; label: string }[] | null;
  /** Asked only when another member of the block has this value. */
  when: { member: string; equals: string } | null;
  /** For text-like members. */
  maxLength: number;
  hint: string | null;
}

const ALL = APPLICANT_KINDS;
const PERSONS: readonly ApplicantKind[] = ['individual', 'sole_proprietor'];
const member = (
  key: string,
  label: string,
  type: BlockMemberType,
  kinds: readonly ApplicantKind[],
  requiredFor: readonly ApplicantKind[],
  extra: Partial<Pick<BlockMember, 'options' | 'when' | 'maxLength' | 'hint'>> = {},
): BlockMember => ({
  key,
  label,
  type,
  kinds,
  requiredFor,
  options: extra.options ?? null,
  when: extra.when ?? null,
  maxLength: extra.maxLength ?? 200,
  hint: extra.hint ?? null,
});

/**
 * The applicant (210-ФЗ ст. 2 п. 3): a person by name and identity document; a sole proprietor by
 * name, ИНН of 12 digits and ОГРНИП; an organisation by name, ИНН of 10 digits and ОГРН.
 */
export const APPLICANT_BLOCK_MEMBERS: readonly BlockMember[] = [
  member('kind', 'Категория заявителя', 'choice', ALL, ALL, {
    options: APPLICANT_KINDS.map((value) => ({ value, label: APPLICANT_KIND_TITLES[value] })),
  }),
  member('lastName', 'Фамилия', 'text', PERSONS, PERSONS, { maxLength: 100 }),
  member('firstName', 'Имя', 'text', PERSONS, PERSONS, { maxLength: 100 }),
  member('middleName', 'Отчество', 'text', PERSONS, [], { maxLength: 100, hint: 'При наличии' }),
  member('birthDate', 'Дата рождения', 'date', PERSONS, []),
  member('snils', 'СНИЛС', 'snils', PERSONS, []),
  member('identityDocument', 'Документ, удостоверяющий личность', 'text', PERSONS, ['individual'], {
    hint: 'Вид, серия, номер, кем и когда выдан',
    maxLength: 500,
  }),
  member('organizationName', 'Полное наименование организации', 'text', ['legal_entity'], ['legal_entity'], {
    maxLength: 500,
  }),
  member('inn', 'ИНН', 'inn', ALL, ['sole_proprietor', 'legal_entity']),
  member(
    'ogrn',
    'ОГРН / ОГРНИП',
    'ogrn',
    ['sole_proprietor', 'legal_entity'],
    ['sole_proprietor', 'legal_entity'],
  ),
  member('address', 'Почтовый адрес', 'address', ALL, [], { maxLength: 1000 }),
  member('phone', 'Телефон', 'phone', ALL, []),
  member('email', 'Электронная почта', 'email', ALL, [], { maxLength: 254 }),
];

export const AUTHORITY_KINDS = ['power_of_attorney', 'law'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];
export const AUTHORITY_KIND_TITLES: Record<AuthorityKind, string> = {
  power_of_attorney: 'По доверенности',
  law: 'Законный представитель',
};

/**
 * The representative (210-ФЗ ст. 2 п. 3): a person acting by a power of attorney or by
 * law, with the document of authority. A power of attorney without a term is valid a year from its
 * making (ГК РФ ст. 186 ч. 1), so its end date is asked, not demanded.
 */
export const REPRESENTATIVE_BLOCK_MEMBERS: readonly BlockMember[] = [
  member('lastName', 'Фамилия', 'text', ALL, ALL, { maxLength: 100 }),
  member('firstName', 'Имя', 'text', ALL, ALL, { maxLength: 100 }),
  member('middleName', 'Отчество', 'text', ALL, [], { maxLength: 100, hint: 'При наличии' }),
  member('identityDocument', 'Документ, удостоверяющий личность', 'text', ALL, ALL, {
    hint: 'Вид, серия, номер, кем и когда выдан',
    maxLength: 500,
  }),
  member('authorityKind', 'Основание полномочий', 'choice', ALL, ALL, {
    options: AUTHORITY_KINDS.map((value) => ({ value, label: AUTHORITY_KIND_TITLES[value] })),
  }),
  member('authorityDocument', 'Документ, подтверждающий полномочия', 'text', ALL, ALL, {
    hint: 'Вид, номер, дата, кем выдан',
    maxLength: 500,
  }),
  member('authorityValidUntil', 'Доверенность действительна до', 'date', ALL, [], {
    when: { member: 'authorityKind', equals: 'power_of_attorney' },
  }),
];

export type BlockType = 'applicant' | 'representative';

export function blockMembers(type: BlockType): readonly BlockMember[] {
  return type === 'applicant' ? APPLICANT_BLOCK_MEMBERS : REPRESENTATIVE_BLOCK_MEMBERS;
}

/** The applicant kind a block value names, when it is one. */
export function applicantKindOf(value: Record<string, unknown> | null | undefined): ApplicantKind | null {
  const kind = value?.kind;
  return typeof kind === 'string' && (APPLICANT_KINDS as readonly string[]).includes(kind)
    ? (kind as ApplicantKind)
    : null;
}

/**
 * The members asked now: of the applicant, those of its kind (only `kind` until one is chosen); of the
 * representative, all but those whose `when` does not hold.
 */
export function visibleMembers(
  type: BlockType,
  value: Record<string, unknown> | null | undefined,
): BlockMember[] {
  const kind = type === 'applicant' ? applicantKindOf(value) : null;
  return blockMembers(type).filter((m) => {
    if (type === 'applicant' && m.key !== 'kind' && (kind === null || !m.kinds.includes(kind))) return false;
    if (m.when && value?.[m.when.member] !== m.when.equals) return false;
    return true;
  });
}

/** Whether a member must be filled: for the applicant by its kind, for the representative always as listed. */
export function memberRequired(
  type: BlockType,
  m: BlockMember,
  value: Record<string, unknown> | null | undefined,
): boolean {
  if (type === 'representative') return m.requiredFor.length > 0;
  const kind = applicantKindOf(value);
  return m.key === 'kind' || (kind !== null && m.requiredFor.includes(kind));
}
