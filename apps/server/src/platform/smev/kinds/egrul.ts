import { APPLICANT_KIND_TITLES } from '@uslugi/contracts';
import type { SmevAttachment } from '../types.js';
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
 * ФНС: выписка из ЕГРЮЛ по запросам органов власти (ВС «Предоставление сведений из ЕГРЮЛ», format
 * 4.0.6; research notes §5, XSD `fns-vipul-tosmv-ru.xsd` of gosha20777/smev-client). The answer's
 * shape follows the published samples, reduced to what the executor needs.
 */
export const EGRUL_NS = 'urn://x-artefacts-fns-vipul-tosmv-ru/311-14/4.0.6';
export const EGRUL_REQUEST = 'FNSVipULRequest';
export const EGRUL_RESPONSE = 'FNSVipULResponse';

/** КодОбр «01»: the register holds nothing for the requested ОГРН/ИНН. */
export const FNS_NOT_FOUND = '01';

export function notApplicableFor(
  kind: KindInput['applicant']['kind'],
  what: string,
): { notApplicable: string } {
  return {
    notApplicable: `Заявитель — ${APPLICANT_KIND_TITLES[kind].toLowerCase()}: ${what} не запрашиваются`,
  };
}

function build(input: KindInput): BuiltRequest {
  const a = input.applicant;
  if (a.kind !== 'legal_entity') return notApplicableFor(a.kind, 'сведения из ЕГРЮЛ');
  const query = a.ogrn ? textElement('fns:ОГРН', a.ogrn) : textElement('fns:ИННЮЛ', a.inn);
  return {
    content: element(
      `fns:${EGRUL_REQUEST}`,
      { 'xmlns:fns': EGRUL_NS, ИдДок: input.requestId, НомерДела: input.registrationNumber },
      element('fns:ЗапросЮЛ', {}, query),
    ),
  };
}

function read(content: string, _attachments: SmevAttachment[]): AnswerView {
  const root = parseRoot(content);
  if (!root || root.localName !== EGRUL_RESPONSE) return unreadable('ожидался ответ ФНС из ЕГРЮЛ');
  const code = childText(root, 'КодОбр');
  const ul = first(root, 'СвЮЛ');
  if (!ul) {
    return {
      found: false,
      summary:
        code === FNS_NOT_FOUND
          ? 'Сведения о юридическом лице в ЕГРЮЛ не найдены'
          : `ФНС не предоставила сведения (код обработки ${code ?? 'не указан'})`,
      fields: [],
    };
  }
  const names = first(ul, 'СвНаимЮЛ');
  const head = first(ul, 'СведДолжнФЛ');
  const person = head ? first(head, 'СвФЛ') : null;
  const status = first(ul, 'СвСтатус');
  const headName = [attribute(person, 'Фамилия'), attribute(person, 'Имя'), attribute(person, 'Отчество')]
    .filter(Boolean)
    .join(' ');
  const headPosition = attribute(head ? first(head, 'СвДолжн') : null, 'НаимДолжн');
  const statusName = attribute(status, 'НаимСтатус');
  const shortName = attribute(names, 'НаимЮЛСокр');
  const fullName = attribute(names, 'НаимЮЛПолн');
  const ogrn = attribute(ul, 'ОГРН');
  return {
    found: true,
    summary: `${shortName ?? fullName ?? 'Юридическое лицо'}, ОГРН ${ogrn ?? '—'}${statusName ? `: ${statusName.toLowerCase()}` : ''}`,
    fields: fieldsOf([
      ['Полное наименование', fullName],
      ['Сокращённое наименование', shortName],
      ['Организационно-правовая форма', attribute(ul, 'ПолнНаимОПФ')],
      ['ОГРН', ogrn],
      ['Дата присвоения ОГРН', ruDateOf(attribute(ul, 'ДатаОГРН'))],
      ['ИНН', attribute(ul, 'ИНН')],
      ['КПП', attribute(ul, 'КПП')],
      ['Адрес юридического лица', childText(ul, 'СвАдресЮЛ')],
      [
        'Руководитель',
        headName ? (headPosition ? `${headName}, ${headPosition.toLowerCase()}` : headName) : null,
      ],
      ['Статус', statusName],
      ['Дата прекращения', ruDateOf(attribute(status, 'ДатаПрекрЮЛ'))],
    ]),
  };
}

export function egrulKind(title: string): InformationKind {
  return { agency: 'fns', title, namespace: EGRUL_NS, root: EGRUL_REQUEST, build, read };
}
