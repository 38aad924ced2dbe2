import { formatSnils, normalizeSnils } from '@uslugi/contracts';
import type { SmevAttachment } from '../types.js';
import { notApplicableFor } from './egrul.js';
import type { AnswerView, BuiltRequest, InformationKind, KindInput } from './types.js';
import { childText, element, fieldsOf, parseRoot, ruDateOf, textElement, unreadable } from './xml.js';

/**
 * СФР: СНИЛС по данным лица (ВС «snils-by-data» 1.1.2; research notes §5, dkulaga/smev-snils-transformer).
 * The name parts are in the SMEV commons namespace, the rest in the service's own.
 */
export const SNILS_NS = 'http://kvs.pfr.com/snils-by-data/1.1.2';
export const SMEV_COMMONS_NS = 'urn://x-artefacts-smev-gov-ru/supplementary/commons/1.0.1';
export const SNILS_REQUEST = 'SnilsByDataRequest';
export const SNILS_RESPONSE = 'SnilsByDataResponse';

function build(input: KindInput): BuiltRequest {
  const a = input.applicant;
  if (a.kind === 'legal_entity') return notApplicableFor(a.kind, 'сведения о СНИЛС');
  return {
    content: element(
      `pfr:${SNILS_REQUEST}`,
      { 'xmlns:pfr': SNILS_NS, 'xmlns:smev': SMEV_COMMONS_NS },
      textElement('smev:FamilyName', a.lastName),
      textElement('smev:FirstName', a.firstName),
      textElement('smev:Patronymic', a.middleName),
      textElement('pfr:BirthDate', a.birthDate),
    ),
  };
}

/** Compares nothing: the product compares the SNILS found with the applicant's (it is in `fields`). */
function read(content: string, _attachments: SmevAttachment[]): AnswerView {
  const root = parseRoot(content);
  if (!root || root.localName !== SNILS_RESPONSE) return unreadable('ожидался ответ СФР о СНИЛС');
  const raw = childText(root, 'Snils');
  const digits = raw ? (normalizeSnils(raw.replace(/\s+/g, ' ')) ?? raw.replace(/\D/g, '')) : null;
  const snils = digits && digits.length === 11 ? formatSnils(digits) : raw;
  const name = [childText(root, 'FamilyName'), childText(root, 'FirstName'), childText(root, 'Patronymic')]
    .filter(Boolean)
    .join(' ');
  const gender = childText(root, 'Gender');
  const fields = fieldsOf([
    ['СНИЛС', snils],
    ['ФИО', name],
    ['Дата рождения', ruDateOf(childText(root, 'BirthDate'))],
    ['Пол', gender === 'Male' ? 'мужской' : gender === 'Female' ? 'женский' : gender],
  ]);
  if (!snils) return { found: false, summary: 'СНИЛС по данным заявителя не найден', fields };
  return { found: true, summary: `СНИЛС ${snils}`, fields };
}

export const snilsKind = (title: string): InformationKind => ({
  agency: 'sfr',
  title,
  namespace: SNILS_NS,
  root: SNILS_REQUEST,
  build,
  read,
});
