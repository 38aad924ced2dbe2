import type { SmevAttachment } from '../types.js';
import type { AnswerView, BuiltRequest, InformationKind, KindInput } from './types.js';
import {
  childText,
  children,
  element,
  fieldsOf,
  find,
  first,
  parseRoot,
  ruDateOf,
  textElement,
  unreadable,
} from './xml.js';

/**
 * Росреестр: выписка из ЕГРН (ВС «egrn-statement» 1.1.2; research notes §5). The production service
 * takes the statement as a zip attachment (request.xml + EGRNRequest + detached .sig files); that
 * profile is not built: the statement goes inline in `Statement` (docs/emulators/smev.md).
 */
export const EGRN_NS = 'urn://x-artefacts-rosreestr-gov-ru/virtual-services/egrn-statement/1.1.2';
export const EGRN_REQUEST = 'Request';
export const EGRN_RESPONSE = 'Response';
/** The sender kind and the action code of a statement from a government body (research notes §5). */
export const EGRN_SENDER_TYPE = 'Vedomstvo';
export const EGRN_ACTION_CODE = '659511111112';

/** What the extract is asked to hold. */
export type EgrnScope = 'mainCharacteristics' | 'rights' | 'mainCharacteristicsAndRights';

/** The region of a cadastral number: its first part (16 — Татарстан, 45 — Курганская область). */
export function regionOf(cadastralNumber: string): string {
  return cadastralNumber.split(':')[0] ?? '';
}

function build(scope: EgrnScope) {
  return (input: KindInput): BuiltRequest => {
    const numbers = input.cadastralNumbers.map((n) => n.trim()).filter(Boolean);
    const firstNumber = numbers[0];
    if (firstNumber === undefined) {
      return { notApplicable: 'В заявлении не указан кадастровый номер: выписка из ЕГРН не запрашивается' };
    }
    return {
      content: element(
        `rr:${EGRN_REQUEST}`,
        { 'xmlns:rr': EGRN_NS },
        textElement('rr:region', regionOf(firstNumber)),
        textElement('rr:externalNumber', input.requestId),
        textElement('rr:senderType', EGRN_SENDER_TYPE),
        textElement('rr:actionCode', EGRN_ACTION_CODE),
        element(
          'rr:Statement',
          {},
          textElement('rr:statementType', scope),
          textElement('rr:caseNumber', input.registrationNumber),
          ...numbers.map((n) => element('rr:object', {}, textElement('rr:cadastralNumber', n))),
        ),
      ),
    };
  };
}

function read(content: string, attachments: SmevAttachment[]): AnswerView {
  const root = parseRoot(content);
  if (!root || root.localName !== EGRN_RESPONSE) return unreadable('ожидался ответ Росреестра');
  const objects = children(root, 'Realty');
  const missing = children(root, 'notFound')
    .map((e) => e.textContent?.trim() ?? '')
    .filter(Boolean);
  const fields: AnswerView['fields'] = [];
  for (const o of objects) {
    const n = childText(o, 'cadastralNumber') ?? '—';
    const area = first(o, 'area');
    const value = first(o, 'cadastralValue');
    fields.push(
      ...fieldsOf([
        [`${n}: вид объекта`, childText(o, 'objectType')],
        [`${n}: адрес`, childText(o, 'address')],
        [`${n}: площадь`, area?.textContent?.trim() ? `${area.textContent.trim()} кв. м` : null],
        [`${n}: категория земель`, childText(o, 'landCategory')],
        [`${n}: вид разрешённого использования`, childText(o, 'permittedUse')],
        [
          `${n}: кадастровая стоимость`,
          value?.textContent?.trim() ? `${value.textContent.trim()} руб.` : null,
        ],
      ]),
    );
    for (const right of children(o, 'Right')) {
      const date = ruDateOf(childText(right, 'registrationDate'));
      const number = childText(right, 'registrationNumber');
      fields.push({
        label: `${n}: ${childText(right, 'kind') ?? 'право'}`,
        value: [childText(right, 'holder'), number ? `запись № ${number}` : null, date ? `от ${date}` : null]
          .filter(Boolean)
          .join(', '),
      });
    }
    if (find(o, 'noRights')) fields.push({ label: `${n}: права`, value: 'Права не зарегистрированы' });
  }
  if (missing.length) fields.push({ label: 'Не найдены в ЕГРН', value: missing.join(', ') });
  for (const a of attachments) {
    fields.push({ label: 'Выписка', value: `файл ${a.contentId} (${a.mimeType}, ${a.content.length} байт)` });
  }
  if (!objects.length) return { found: false, summary: 'Сведения об объектах в ЕГРН не найдены', fields };
  const numbers = objects.map((o) => childText(o, 'cadastralNumber') ?? '—').join(', ');
  return { found: true, summary: `Выписка из ЕГРН получена: ${numbers}`, fields };
}

export function egrnKind(title: string, scope: EgrnScope): InformationKind {
  return { agency: 'rosreestr', title, namespace: EGRN_NS, root: EGRN_REQUEST, build: build(scope), read };
}
