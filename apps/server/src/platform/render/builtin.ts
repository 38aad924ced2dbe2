import { createRequire } from 'node:module';
import PizZip from 'pizzip';
import type { PdfOptions } from './index.js';

const require = createRequire(import.meta.url);

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

/** pdfmake with Tinos (metric-compatible with Times New Roman, Cyrillic; SIL OFL 1.1). */
function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const make = require('pdfmake') as PdfMake;
  const font = (style: string) => require.resolve(`@expo-google-fonts/tinos/${style}/Tinos_${style}.ttf`);
  make.setFonts({
    Tinos: {
      normal: font('400Regular'),
      bold: font('700Bold'),
      italics: font('400Regular_Italic'),
      bolditalics: font('700Bold_Italic'),
    },
  });
  make.setUrlAccessPolicy(() => false);
  const fonts = new Set(['400Regular', '700Bold', '400Regular_Italic', '700Bold_Italic'].map(font));
  make.setLocalAccessPolicy((path) => fonts.has(path));
  pdfmake = make;
  return make;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The paragraphs' text of a DOCX body. */
function paragraphs(docx: Buffer): string[] {
  const xml = new PizZip(docx).file('word/document.xml')?.asText() ?? '';
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g)]
      .map((t) => (t[2] === 'tab' ? '\t' : t[2] === 'br' ? '\n' : decode(t[1] ?? '')))
      .join(''),
  );
}

/** The builtin route: the DOCX's paragraphs laid out by pdfmake, the stamp with its QR code last. */
export async function builtinPdf(docx: Buffer, options: PdfOptions = {}): Promise<Buffer> {
  const content: unknown[] = paragraphs(docx).map((text) => ({ text, margin: [0, 0, 0, 4] }));
  const { stamp } = options;
  if (stamp) {
    content.push({
      unbreakable: true,
      margin: [0, 16, 0, 0],
      table: {
        widths: ['*', 90],
        body: [
          [
            {
              stack: [
                { text: 'ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ', bold: true },
                `Сертификат: ${stamp.serial}`,
                `Владелец: ${stamp.owner}`,
                `Действителен с ${stamp.validFrom} по ${stamp.validTo}`,
              ],
              fontSize: 10,
            },
            { qr: stamp.verifyUrl, fit: 84, eccLevel: 'M' },
          ],
        ],
      },
    });
  }
  return engine()
    .createPdf({
      content,
      defaultStyle: { font: 'Tinos', fontSize: 12 },
      pageSize: 'A4',
      pageMargins: [85, 57, 42, 57],
      info: { title: options.title ?? '', creationDate: new Date(Date.UTC(2000, 0, 1)) },
    })
    .getBuffer();
}
