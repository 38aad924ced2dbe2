import type { ExtractBundle } from '@uslugi/journal-verifier';
import { pdfFromDefinition } from '../../platform/render/index.js';

const moscow = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A time as people in the municipality read it (Moscow time until tenants carry their own zone). */
export const moscowTime = (iso: string) => moscow.format(new Date(iso)).replace(',', '');

/** What the PDF's QR code holds: enough to match the paper to its file and to the journal's head. */
export function extractQrText(bundle: ExtractBundle, bundleSha256: string): string {
  const { extract, head } = bundle.body;
  return [
    'uslugi:journal-extract',
    `number=${extract.number}`,
    `sha256=${bundleSha256}`,
    `seal=${head.sealId}`,
    `tree=${head.treeSize}`,
    `root=${head.treeRoot}`,
  ].join(';');
}

/**
 * The extract for people (000 item 2.11): who made it, for whom and why, what it covers, a table of
 * the operations (time, who, action, object), and how to check it: the file's SHA-256, the journal's
 * signed head, and a QR code of both.
 */
export async function extractPdf(
  bundle: ExtractBundle,
  bundleSha256: string,
  objectTitle: (objectType: string) => string,
): Promise<Buffer> {
  const { extract, head, entries } = bundle.body;
  const rows = entries.map((e, i) => [
    String(i + 1),
    moscowTime(e.entry.recordedAt),
    e.entry.actorName || 'Система',
    e.title,
    `${objectTitle(e.entry.objectType)}\n${e.entry.objectId}`,
    String(e.id),
  ]);
  const meta: Array<[string, string]> = [
    ['Муниципальное образование', `${extract.municipality.name} (ОКТМО ${extract.municipality.oktmo})`],
    ['Сформирована', `${moscowTime(extract.madeAt)} (МСК)`],
    ['Сформировал', [extract.madeBy.name, extract.madeBy.position].filter(Boolean).join(', ')],
    ['Для кого', extract.recipient],
    ['Основание и цель', extract.purpose],
    ['Что выписано', extract.scope.label],
    [
      'Подробности операций',
      extract.payloads === 'included'
        ? 'включены'
        : 'не включены (в файле выписки — их хеши; персональные данные ограничены целью выписки, 152-ФЗ)',
    ],
    ['Записей в выписке', String(entries.length)],
  ];
  const title = `Выписка из журнала операций № ${extract.number}`;
  return pdfFromDefinition(
    {
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [36, 36, 36, 44],
      footer: (page: number, pages: number) => ({
        text: `${title}. Лист ${page} из ${pages}`,
        alignment: 'center',
        fontSize: 8,
        margin: [0, 12, 0, 0],
      }),
      content: [
        { text: title, fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
        {
          table: { widths: [160, '*'], body: meta.map(([k, v]) => [{ text: k, bold: true }, v]) },
          layout: 'noBorders',
          margin: [0, 0, 0, 10],
        },
        rows.length === 0
          ? { text: 'Операций, отвечающих условиям выписки, в журнале нет.', italics: true }
          : {
              table: {
                headerRows: 1,
                widths: [24, 92, 130, '*', 170, 50],
                body: [
                  ['№', 'Время (МСК)', 'Кто', 'Действие', 'Объект', 'Запись'].map((h) => ({
                    text: h,
                    bold: true,
                  })),
                  ...rows,
                ],
              },
              layout: 'lightHorizontalLines',
            },
        {
          margin: [0, 14, 0, 0],
          unbreakable: true,
          columns: [
            { qr: extractQrText(bundle, bundleSha256), fit: 110, width: 120 },
            {
              width: '*',
              stack: [
                { text: 'Проверка выписки', bold: true, margin: [0, 0, 0, 4] },
                `Файл выписки (JSON), SHA-256: ${bundleSha256}`,
                `Голова журнала: печать № ${head.sealId} от ${moscowTime(head.sealedAt)} (МСК), ` +
                  `записей в дереве журнала: ${head.treeSize}, корень: ${head.treeRoot}`,
                {
                  text:
                    'Каждая запись доказуемо входит в журнал (дерево Меркла, RFC 9162); голова журнала и файл ' +
                    'выписки подписаны электронной подписью системы (ГОСТ Р 34.10-2012). Проверить файл без доступа ' +
                    'к системе: страница «Проверка выписки из журнала операций» (journal-verifier.html) в любом ' +
                    'браузере без сети или команда uslugi-journal-verify.',
                  margin: [0, 4, 0, 0],
                },
              ],
            },
          ],
        },
      ],
    },
    title,
  );
}
