/**
 * Document rendering throughput: a notice from a DOCX template (heading, paragraphs, a 15-row table,
 * a condition, the signer's line) rendered N times, each route against a bare baseline measured in
 * the same run. Run from the repository root: `npm run documents -w bench -- [N]` (N defaults to 100).
 *
 * (a) renderDocx (docxtemplater + the missing-data check + fixed zip dates) vs bare
 *     `new Docxtemplater(...).render()` and the zip written;
 * (b) the builtin PDF route (DOCX → pdfmake layout → PDF) vs bare pdfmake on an equivalent
 *     hand-built document definition;
 * (c) the libreoffice route when `soffice` is installed.
 *
 * The server's modules are loaded by a computed path (this workspace has no reference to apps/server).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';

interface RenderModule {
  renderDocx(template: Buffer, data: Record<string, unknown>): Buffer;
  pdfRoute(config: { documentsPdf: 'builtin' | 'libreoffice'; sofficePath: string }): {
    toPdf(docx: Buffer, options?: { title?: string }): Promise<Buffer>;
  };
}

interface FixtureModule {
  noticeTemplate(): Buffer;
  noticeData(items: unknown[]): Record<string, unknown>;
  manyItems(count: number): Array<{ n: number; title: string; sheets: number }>;
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

const render = (await import(
  new URL('../../apps/server/src/platform/render/index.ts', import.meta.url).href
)) as RenderModule;
const fixture = (await import(
  new URL('../../apps/server/test/render-fixture.ts', import.meta.url).href
)) as FixtureModule;

const N = Math.max(1, Number(process.argv[2] ?? 100) || 100);
const template = fixture.noticeTemplate();
const items = fixture.manyItems(15);
const data = fixture.noticeData(items);
let peakRss = 0;

type Task = () => unknown;

function report(label: string, count: number, ms: number): number {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  const rate = count / (ms / 1000);
  console.log(
    `  ${label.padEnd(46)} ${rate.toFixed(1).padStart(7)} док/с  RSS ${(rss / 2 ** 20).toFixed(0)} МБ`,
  );
  return rate;
}

/**
 * Each task of a set run N times, in alternating blocks of 10, so that a shared machine's load
 * falls on all of them alike; the rate of each in documents per second.
 */
async function measure(count: number, tasks: Array<[string, Task]>): Promise<number[]> {
  for (const [, task] of tasks) for (let i = 0; i < Math.min(10, count); i++) await task(); // warm-up
  const spent = tasks.map(() => 0);
  for (let done = 0; done < count; done += 10) {
    const block = Math.min(10, count - done);
    for (const [t, [, task]] of tasks.entries()) {
      const started = performance.now();
      for (let i = 0; i < block; i++) await task();
      spent[t]! += performance.now() - started;
    }
  }
  return tasks.map(([label], t) => report(label, count, spent[t]!));
}

const ratio = (a: number, b: number) => `  отношение к базовому: ${(a / b).toFixed(2)}`;

console.log(`Документы: ${N} шт., шаблон «уведомление» (заголовок, абзацы, таблица 15 строк, условие)`);

console.log('(a) DOCX по шаблону');
const [bare, ours] = await measure(N, [
  [
    'базовый: new Docxtemplater().render()',
    () => {
      const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true });
      doc.render(data);
      return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
    },
  ],
  ['renderDocx', () => render.renderDocx(template, data)],
]);
console.log(ratio(ours!, bare!));

console.log('(b) PDF, встроенный маршрут');
const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as PdfMake;
const font = (style: string) => require.resolve(`@expo-google-fonts/tinos/${style}/Tinos_${style}.ttf`);
pdfmake.setFonts({
  Tinos: {
    normal: font('400Regular'),
    bold: font('700Bold'),
    italics: font('400Regular_Italic'),
    bolditalics: font('700Bold_Italic'),
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => true);
const cell = (text: string, bold = false) => ({ text, bold });
const definition = () => ({
  content: [
    {
      text: `УВЕДОМЛЕНИЕ № ${String(data.number)}`,
      bold: true,
      fontSize: 14,
      alignment: 'center',
      margin: [0, 0, 0, 12],
    },
    {
      text: `Заявитель ${String(data.applicant)} — ёмкий «ответ» на обращение от ${String(data.date)}. Ёлки, съезд, объём.`,
      alignment: 'justify',
      leadingIndent: 35.45,
    },
    {
      table: {
        widths: [33, 278, 121],
        body: [
          [cell('№', true), cell('Наименование документа', true), cell('Листов', true)],
          ...items.map((i) => [
            cell(String(i.n)),
            cell(i.title),
            { text: String(i.sheets), alignment: 'right' },
          ]),
        ],
      },
    },
    'Рассмотреть в срочном порядке.',
    {
      columns: [
        { text: 'Глава поселения', width: '*' },
        { text: String(data.head), width: 'auto' },
      ],
      margin: [0, 24, 0, 0],
    },
  ],
  defaultStyle: { font: 'Tinos', fontSize: 12 },
  pageSize: 'A4',
  pageMargins: [85, 57, 42, 57],
  info: { creationDate: new Date(Date.UTC(2000, 0, 1)) },
});
const docx = render.renderDocx(template, data);
const builtin = render.pdfRoute({ documentsPdf: 'builtin', sofficePath: 'soffice' });
const [barePdf, builtinPdf, fullPdf] = await measure(N, [
  ['базовый: pdfmake createPdf (готовое описание)', () => pdfmake.createPdf(definition()).getBuffer()],
  ['builtin: DOCX → pdfmake → PDF', () => builtin.toPdf(docx)],
  ['renderDocx + builtin (весь путь)', () => builtin.toPdf(render.renderDocx(template, data))],
]);
console.log(ratio(builtinPdf!, barePdf!).replace('отношение', 'builtin: отношение'));
console.log(ratio(fullPdf!, barePdf!).replace('отношение', 'весь путь: отношение'));

console.log('(c) PDF, маршрут libreoffice');
const soffice = process.env.SOFFICE_PATH?.trim() || 'soffice';
let hasSoffice = false;
try {
  execFileSync(soffice, ['--version'], { stdio: 'ignore', timeout: 30_000 });
  hasSoffice = true;
} catch {
  console.log('  нет soffice — пропущено');
}
if (hasSoffice) {
  const office = render.pdfRoute({ documentsPdf: 'libreoffice', sofficePath: soffice });
  const [rate] = await measure(Math.min(N, 20), [
    ['libreoffice: soffice --convert-to pdf', () => office.toPdf(docx)],
  ]);
  console.log(ratio(rate!, builtinPdf!).replace('базовому', 'builtin'));
}
console.log(`Пиковый RSS: ${(peakRss / 2 ** 20).toFixed(0)} МБ; Node ${process.version}`);
