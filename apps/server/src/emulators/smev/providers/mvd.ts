import {
  PASSPORT_NS,
  PASSPORT_REQUEST,
  PASSPORT_RESPONSE,
  type PassportStatus,
} from '../../../platform/smev/kinds/passport.js';
import { childText, element, parseRoot, textElement } from '../../../platform/smev/kinds/xml.js';
import { PASSPORTS } from './registers.js';
import { UNKNOWN_REQUEST, type AgencyProvider, type ProviderAnswer } from './types.js';

function response(status: PassportStatus, reason?: string, since?: string): ProviderAnswer {
  return {
    content: element(
      `mvd:${PASSPORT_RESPONSE}`,
      { 'xmlns:mvd': PASSPORT_NS },
      textElement('mvd:Status', status),
      textElement('mvd:Reason', reason),
      textElement('mvd:InvalidSince', since),
    ),
    attachments: [],
  };
}

function answer(content: string): ProviderAnswer {
  const root = parseRoot(content);
  if (!root || root.namespaceURI !== PASSPORT_NS || root.localName !== PASSPORT_REQUEST)
    return UNKNOWN_REQUEST;
  const series = childText(root, 'Series')?.replace(/\s/g, '');
  const number = childText(root, 'Number')?.replace(/\s/g, '');
  if (!series || !number) return UNKNOWN_REQUEST;
  const issueDate = childText(root, 'IssueDate');
  const found = PASSPORTS.find((p) => p.series === series && p.number === number);
  if (!found) return response('NOT_FOUND');
  if (found.invalid) return response('INVALID', found.invalid.reason, found.invalid.since);
  if (issueDate && issueDate !== found.issueDate) {
    return response('INVALID', 'Дата выдачи не совпадает с учётными сведениями');
  }
  return response('VALID');
}

/** МВД: passport validity by series, number and issue date; an unknown passport is NOT_FOUND. */
export const mvdProvider: AgencyProvider = {
  agency: 'mvd',
  mnemonic: 'MVD001',
  name: 'МВД России',
  accepts: (namespace, root) => namespace === PASSPORT_NS && root === PASSPORT_REQUEST,
  answer,
};
