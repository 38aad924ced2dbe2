import { normalizePassportRf } from '@uslugi/contracts';
import type { SmevAttachment } from '../types.js';
import { notApplicableFor } from './egrul.js';
import type { AnswerView, BuiltRequest, InformationKind, KindInput } from './types.js';
import { childText, element, fieldsOf, parseRoot, ruDateOf, textElement, unreadable } from './xml.js';

/**
 * МВД: проверка действительности паспорта гражданина РФ. No public schema of this information kind
 * was found (research notes §6), so the namespace and the element names are the bundled emulator's
 * own (docs/emulators/smev.md); a real connection needs the registered format.
 */
export const PASSPORT_NS = 'urn://x-artefacts-mvd-gov-ru/services/passport-validity/1.0.0';
export const PASSPORT_REQUEST = 'PassportValidityRequest';
export const PASSPORT_RESPONSE = 'PassportValidityResponse';

export type PassportStatus = 'VALID' | 'INVALID' | 'NOT_FOUND';

function build(input: KindInput): BuiltRequest {
  const a = input.applicant;
  if (a.kind === 'legal_entity') return notApplicableFor(a.kind, 'сведения о паспорте');
  const doc = a.identityDocument;
  const passport = doc?.type === 'passport_rf' ? normalizePassportRf(`${doc.series}${doc.number}`) : null;
  if (!doc || !passport) {
    return {
      notApplicable: 'У заявителя не указан паспорт гражданина РФ: действительность паспорта не проверяется',
    };
  }
  return {
    content: element(
      `mvd:${PASSPORT_REQUEST}`,
      { 'xmlns:mvd': PASSPORT_NS },
      textElement('mvd:Series', passport.series),
      textElement('mvd:Number', passport.number),
      textElement('mvd:IssueDate', doc.issuedOn || null),
    ),
  };
}

function read(content: string, _attachments: SmevAttachment[]): AnswerView {
  const root = parseRoot(content);
  if (!root || root.localName !== PASSPORT_RESPONSE) return unreadable('ожидался ответ МВД о паспорте');
  const status = childText(root, 'Status');
  const reason = childText(root, 'Reason');
  const since = ruDateOf(childText(root, 'InvalidSince'));
  const fields = fieldsOf([
    ['Причина', reason],
    ['Недействителен с', since],
  ]);
  switch (status) {
    case 'VALID':
      return { found: true, summary: 'Паспорт действителен', fields };
    case 'INVALID':
      return { found: true, summary: `Паспорт недействителен${reason ? `: ${reason}` : ''}`, fields };
    case 'NOT_FOUND':
      return { found: false, summary: 'Сведения о паспорте в МВД не найдены', fields };
    default:
      return unreadable(`неизвестный статус паспорта «${status ?? ''}»`);
  }
}

export const passportKind = (title: string): InformationKind => ({
  agency: 'mvd',
  title,
  namespace: PASSPORT_NS,
  root: PASSPORT_REQUEST,
  build,
  read,
});
