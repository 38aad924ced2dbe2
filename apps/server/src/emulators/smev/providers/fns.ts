import { EGRIP_NS, EGRIP_REQUEST, EGRIP_RESPONSE } from '../../../platform/smev/kinds/egrip.js';
import {
  EGRUL_NS,
  EGRUL_REQUEST,
  EGRUL_RESPONSE,
  FNS_NOT_FOUND,
} from '../../../platform/smev/kinds/egrul.js';
import {
  attribute,
  childText,
  element,
  first,
  parseRoot,
  textElement,
} from '../../../platform/smev/kinds/xml.js';
import {
  LEGAL_ENTITIES,
  SOLE_PROPRIETORS,
  type RegisteredLegalEntity,
  type RegisteredSoleProprietor,
} from './registers.js';
import { UNKNOWN_REQUEST, type AgencyProvider, type ProviderAnswer } from './types.js';

function legalEntity(e: RegisteredLegalEntity): string {
  return element(
    'fns:СвЮЛ',
    { ОГРН: e.ogrn, ИНН: e.inn, КПП: e.kpp, ДатаОГРН: e.ogrnDate, ПолнНаимОПФ: e.opf },
    element('fns:СвНаимЮЛ', { НаимЮЛПолн: e.fullName, НаимЮЛСокр: e.shortName }),
    textElement('fns:СвАдресЮЛ', e.address),
    element(
      'fns:СведДолжнФЛ',
      {},
      element('fns:СвФЛ', { Фамилия: e.head.lastName, Имя: e.head.firstName, Отчество: e.head.middleName }),
      element('fns:СвДолжн', { НаимДолжн: e.head.position }),
    ),
    element(
      'fns:СвСтатус',
      e.liquidatedOn
        ? { КодСтатус: 'liquidated', НаимСтатус: 'Ликвидировано', ДатаПрекрЮЛ: e.liquidatedOn }
        : { КодСтатус: 'active', НаимСтатус: 'Действующее' },
    ),
  );
}

function soleProprietor(p: RegisteredSoleProprietor): string {
  return element(
    'fns:СвИП',
    { ОГРНИП: p.ogrnip, ИННФЛ: p.inn, ДатаОГРНИП: p.ogrnipDate },
    element('fns:ФИОРус', { Фамилия: p.lastName, Имя: p.firstName, Отчество: p.middleName }),
    element(
      'fns:СвСтатус',
      p.terminatedOn
        ? { КодСтатус: 'terminated', НаимСтатус: 'Прекратил деятельность', ДатаПрекрИП: p.terminatedOn }
        : { КодСтатус: 'active', НаимСтатус: 'Действующий' },
    ),
  );
}

function answer(content: string): ProviderAnswer {
  const root = parseRoot(content);
  if (!root) return UNKNOWN_REQUEST;
  const id = attribute(root, 'ИдДок') ?? '';
  if (root.namespaceURI === EGRUL_NS && root.localName === EGRUL_REQUEST) {
    const query = first(root, 'ЗапросЮЛ');
    const ogrn = query ? childText(query, 'ОГРН') : null;
    const inn = query ? childText(query, 'ИННЮЛ') : null;
    if (!ogrn && !inn) return UNKNOWN_REQUEST;
    const found = LEGAL_ENTITIES.find((e) => (ogrn ? e.ogrn === ogrn : e.inn === inn));
    const body = found ? legalEntity(found) : textElement('fns:КодОбр', FNS_NOT_FOUND);
    return {
      content: element(`fns:${EGRUL_RESPONSE}`, { 'xmlns:fns': EGRUL_NS, ИдДок: id }, body),
      attachments: [],
    };
  }
  if (root.namespaceURI === EGRIP_NS && root.localName === EGRIP_REQUEST) {
    const query = first(root, 'ЗапросИП');
    const ogrnip = query ? childText(query, 'ОГРНИП') : null;
    const inn = query ? childText(query, 'ИННФЛ') : null;
    if (!ogrnip && !inn) return UNKNOWN_REQUEST;
    const found = SOLE_PROPRIETORS.find((p) => (ogrnip ? p.ogrnip === ogrnip : p.inn === inn));
    const body = found ? soleProprietor(found) : textElement('fns:КодОбр', FNS_NOT_FOUND);
    return {
      content: element(`fns:${EGRIP_RESPONSE}`, { 'xmlns:fns': EGRIP_NS, ИдДок: id }, body),
      attachments: [],
    };
  }
  return UNKNOWN_REQUEST;
}

/** ФНС: ЕГРЮЛ and ЕГРИП extracts; an unknown ОГРН/ИНН is КодОбр «01». */
export const fnsProvider: AgencyProvider = {
  agency: 'fns',
  mnemonic: 'FNS001',
  name: 'ФНС России',
  accepts: (namespace, root) =>
    (namespace === EGRUL_NS && root === EGRUL_REQUEST) || (namespace === EGRIP_NS && root === EGRIP_REQUEST),
  answer,
};
