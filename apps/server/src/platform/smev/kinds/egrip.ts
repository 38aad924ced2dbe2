import type { SmevAttachment } from '../types.js';
import { FNS_NOT_FOUND, notApplicableFor } from './egrul.js';
import type { AnswerView, BuiltRequest, InformationKind, KindInput } from './types.js';
import {
  attribute,
  childText,
  element,
  fieldsOf,
  first,
  parseRoot,
  ruDateOf,
  textElement,
  unreadable,
} from './xml.js';

/**
 * ФНС: выписка из ЕГРИП по запросам органов власти (format 4.0.5; research notes §5: the XSD itself
 * was not found, the shape follows the published samples of ProstakovAlexey/SMEV3emu).
 */
export const EGRIP_NS = 'urn://x-artefacts-fns-vipip-tosmv-ru/311-15/4.0.5';
export const EGRIP_REQUEST = 'FNSVipIPRequest';
export const EGRIP_RESPONSE = 'FNSVipIPResponse';

function build(input: KindInput): BuiltRequest {
  const a = input.applicant;
  if (a.kind !== 'sole_proprietor') return notApplicableFor(a.kind, 'сведения из ЕГРИП');
  const query = a.ogrnip ? textElement('fns:ОГРНИП', a.ogrnip) : textElement('fns:ИННФЛ', a.inn);
  return {
    content: element(
      `fns:${EGRIP_REQUEST}`,
      { 'xmlns:fns': EGRIP_NS, ИдДок: input.requestId, НомерДела: input.registrationNumber },
      element('fns:ЗапросИП', {}, query),
    ),
  };
}

function read(content: string, _attachments: SmevAttachment[]): AnswerView {
  const root = parseRoot(content);
  if (!root || root.localName !== EGRIP_RESPONSE) return unreadable('ожидался ответ ФНС из ЕГРИП');
  const code = childText(root, 'КодОбр');
  const ip = first(root, 'СвИП');
  if (!ip) {
    return {
      found: false,
      summary:
        code === FNS_NOT_FOUND
          ? 'Сведения об индивидуальном предпринимателе в ЕГРИП не найдены'
          : `ФНС не предоставила сведения (код обработки ${code ?? 'не указан'})`,
      fields: [],
    };
  }
  const fio = first(ip, 'ФИОРус');
  const name = [attribute(fio, 'Фамилия'), attribute(fio, 'Имя'), attribute(fio, 'Отчество')]
    .filter(Boolean)
    .join(' ');
  const status = first(ip, 'СвСтатус');
  const statusName = attribute(status, 'НаимСтатус');
  const ogrnip = attribute(ip, 'ОГРНИП');
  return {
    found: true,
    summary: `ИП ${name || '—'}, ОГРНИП ${ogrnip ?? '—'}${statusName ? `: ${statusName.toLowerCase()}` : ''}`,
    fields: fieldsOf([
      ['ФИО', name],
      ['ОГРНИП', ogrnip],
      ['Дата присвоения ОГРНИП', ruDateOf(attribute(ip, 'ДатаОГРНИП'))],
      ['ИНН', attribute(ip, 'ИННФЛ')],
      ['Статус', statusName],
      ['Дата прекращения', ruDateOf(attribute(status, 'ДатаПрекрИП'))],
    ]),
  };
}

export function egripKind(title: string): InformationKind {
  return { agency: 'fns', title, namespace: EGRIP_NS, root: EGRIP_REQUEST, build, read };
}
