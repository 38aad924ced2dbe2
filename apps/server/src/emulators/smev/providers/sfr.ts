import {
  SMEV_COMMONS_NS,
  SNILS_NS,
  SNILS_REQUEST,
  SNILS_RESPONSE,
} from '../../../platform/smev/kinds/snils.js';
import { childText, element, parseRoot, textElement } from '../../../platform/smev/kinds/xml.js';
import { PERSONS } from './registers.js';
import { UNKNOWN_REQUEST, type AgencyProvider, type ProviderAnswer } from './types.js';

/** Names compare as the registers do: case, ё/е and spaces aside. */
function same(a: string | null, b: string | null): boolean {
  const norm = (s: string | null) => (s ?? '').trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

function answer(content: string): ProviderAnswer {
  const root = parseRoot(content);
  if (!root || root.namespaceURI !== SNILS_NS || root.localName !== SNILS_REQUEST) return UNKNOWN_REQUEST;
  const lastName = childText(root, 'FamilyName');
  const firstName = childText(root, 'FirstName');
  const middleName = childText(root, 'Patronymic');
  const birthDate = childText(root, 'BirthDate');
  if (!lastName || !firstName || !birthDate) return UNKNOWN_REQUEST;
  const found = PERSONS.find(
    (p) =>
      same(p.lastName, lastName) &&
      same(p.firstName, firstName) &&
      same(p.middleName, middleName) &&
      p.birthDate === birthDate,
  );
  if (!found) {
    return {
      rejected: [
        { code: 'NO_DATA', description: 'Сведения о застрахованном лице с указанными данными не найдены' },
      ],
    };
  }
  return {
    content: element(
      `pfr:${SNILS_RESPONSE}`,
      { 'xmlns:pfr': SNILS_NS, 'xmlns:smev': SMEV_COMMONS_NS },
      textElement('smev:FamilyName', found.lastName),
      textElement('smev:FirstName', found.firstName),
      textElement('smev:Patronymic', found.middleName),
      textElement('pfr:Snils', found.snils),
      textElement('pfr:Gender', found.gender),
      textElement('pfr:BirthDate', found.birthDate),
    ),
    attachments: [],
  };
}

/** СФР: the SNILS of a person by name and birth date; nobody found is RequestRejected NO_DATA. */
export const sfrProvider: AgencyProvider = {
  agency: 'sfr',
  mnemonic: 'SFR001',
  name: 'Социальный фонд России',
  accepts: (namespace, root) => namespace === SNILS_NS && root === SNILS_REQUEST,
  answer,
};
