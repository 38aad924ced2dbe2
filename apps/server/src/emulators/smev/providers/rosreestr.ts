import { EGRN_NS, EGRN_REQUEST, EGRN_RESPONSE, type EgrnScope } from '../../../platform/smev/kinds/egrn.js';
import {
  childText,
  children,
  element,
  escapeXml,
  first,
  parseRoot,
  textElement,
} from '../../../platform/smev/kinds/xml.js';
import { REALTY, type RegisteredRealty } from './registers.js';
import { UNKNOWN_REQUEST, type AgencyProvider, type ProviderAnswer } from './types.js';

/** The extract file's namespace: the emulator's own (the real extract formats are Rosreestr's XSDs). */
export const EGRN_EXTRACT_NS = 'urn://uslugi/emulators/smev/rosreestr/egrn-extract/1.0.0';

const SCOPES = new Set<EgrnScope>(['mainCharacteristics', 'rights', 'mainCharacteristicsAndRights']);

function realty(prefix: string, o: RegisteredRealty, scope: EgrnScope): string {
  const main = scope !== 'rights';
  const rights = scope !== 'mainCharacteristics';
  const q = (name: string) => `${prefix}:${name}`;
  return element(
    q('Realty'),
    {},
    textElement(q('cadastralNumber'), o.cadastralNumber),
    textElement(q('objectType'), o.objectType),
    textElement(q('address'), o.address),
    main ? textElement(q('area'), o.area) : '',
    main ? textElement(q('landCategory'), o.landCategory) : '',
    main ? textElement(q('permittedUse'), o.permittedUse) : '',
    main ? textElement(q('cadastralValue'), o.cadastralValue) : '',
    ...(rights
      ? o.rights.length
        ? o.rights.map((r) =>
            element(
              q('Right'),
              {},
              textElement(q('kind'), r.kind),
              textElement(q('holder'), r.holder),
              textElement(q('registrationNumber'), r.registrationNumber),
              textElement(q('registrationDate'), r.registrationDate),
            ),
          )
        : [element(q('noRights'))]
      : []),
  );
}

/** An NCName for the attachment's Id: letters, digits, `-`, `.`, `_` only. */
function safe(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '-');
}

function answer(content: string, context?: { now: Date }): ProviderAnswer {
  const root = parseRoot(content);
  if (!root || root.namespaceURI !== EGRN_NS || root.localName !== EGRN_REQUEST) return UNKNOWN_REQUEST;
  const statement = first(root, 'Statement');
  const externalNumber = childText(root, 'externalNumber') ?? '';
  const requested = statement ? childText(statement, 'statementType') : null;
  const scope: EgrnScope =
    requested && SCOPES.has(requested as EgrnScope)
      ? (requested as EgrnScope)
      : 'mainCharacteristicsAndRights';
  const numbers = statement
    ? children(statement, 'object')
        .map((o) => childText(o, 'cadastralNumber'))
        .filter((n): n is string => !!n)
    : [];
  if (!numbers.length) return UNKNOWN_REQUEST;
  const found = numbers
    .map((n) => REALTY.find((r) => r.cadastralNumber === n))
    .filter((r) => r !== undefined);
  const missing = numbers.filter((n) => !REALTY.some((r) => r.cadastralNumber === n));
  if (!found.length) {
    return {
      rejected: [
        {
          code: 'NO_DATA',
          description: `Объекты недвижимости с кадастровыми номерами ${numbers.join(', ')} в ЕГРН не найдены`,
        },
      ],
    };
  }
  const contentId = `egrn-extract-${safe(externalNumber) || 'statement'}`;
  const now = (context?.now ?? new Date()).toISOString();
  const extract =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    element(
      'ex:ExtractEGRN',
      { 'xmlns:ex': EGRN_EXTRACT_NS, externalNumber, formedAt: now },
      textElement('ex:title', 'Выписка из Единого государственного реестра недвижимости'),
      ...found.map((o) => realty('ex', o, scope)),
      textElement(
        'ex:note',
        'Документ сформирован эмулятором СМЭВ для демонстрации и испытаний; юридической силы не имеет',
      ),
    );
  return {
    content: element(
      `rr:${EGRN_RESPONSE}`,
      { 'xmlns:rr': EGRN_NS },
      textElement('rr:externalNumber', externalNumber),
      textElement('rr:statementType', scope),
      ...found.map((o) => realty('rr', o, scope)),
      ...missing.map((n) => `<rr:notFound>${escapeXml(n)}</rr:notFound>`),
      textElement('rr:extractFile', contentId),
    ),
    attachments: [
      { contentId, mimeType: 'application/xml', content: new Uint8Array(Buffer.from(extract, 'utf8')) },
    ],
  };
}

/** Росреестр: ЕГРН extracts with the extract as an XML attachment; nothing known is RequestRejected NO_DATA. */
export const rosreestrProvider: AgencyProvider = {
  agency: 'rosreestr',
  mnemonic: 'RRTR01',
  name: 'Росреестр',
  accepts: (namespace, root) => namespace === EGRN_NS && root === EGRN_REQUEST,
  answer,
};
