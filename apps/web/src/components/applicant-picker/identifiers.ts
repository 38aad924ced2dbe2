import { maskSnils, type ApplicantRecord } from '@uslugi/contracts';

/** Keeps the first `keep` and last `tail` characters, the rest as «*». */
function mask(value: string, keep: number, tail: number): string {
  if (value.length <= keep + tail) return value;
  return value.slice(0, keep) + '*'.repeat(value.length - keep - tail) + value.slice(value.length - tail);
}

/**
 * The identifiers of a record as a list shows them: a person's СНИЛС, ИНН and passport masked (152-ФЗ:
 * no more personal data on screen than the choice needs); an organisation's ОГРН and ИНН are public
 * (the state register), shown in full.
 */
export function maskedIdentifiers(record: ApplicantRecord): string[] {
  const data = record.data;
  const text = (key: string) => (typeof data[key] === 'string' && data[key] !== '' ? data[key] : null);
  const out: string[] = [];
  if (record.kind === 'legal_entity') {
    const ogrn = text('ogrn');
    const inn = text('inn');
    if (inn) out.push(`ИНН ${inn}`);
    if (ogrn) out.push(`ОГРН ${ogrn}`);
    return out;
  }
  const snils = text('snils');
  const inn = text('inn');
  const ogrnip = text('ogrnip');
  if (snils) out.push(`СНИЛС ${maskSnils(snils)}`);
  if (inn) out.push(`ИНН ${record.kind === 'sole_proprietor' ? inn : mask(inn, 4, 2)}`);
  if (ogrnip) out.push(`ОГРНИП ${ogrnip}`);
  const doc = data.identityDocument as { series?: string; number?: string } | null | undefined;
  if (doc?.number) out.push(`Документ ${mask(`${doc.series ?? ''} ${doc.number}`.trim(), 2, 2)}`);
  return out;
}

export function birthDateOf(record: ApplicantRecord): string | null {
  const value = (record.data as { birthDate?: unknown }).birthDate;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-');
  return `${d}.${m}.${y}`;
}

export const KIND_TITLES = {
  individual: 'Физическое лицо',
  sole_proprietor: 'Индивидуальный предприниматель',
  legal_entity: 'Юридическое лицо',
} as const;
