import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

/** The one font family every DOCX font maps to. */
export const FONT = 'Tinos';

/** A date fixed in every PDF's metadata: pdfkit derives the file ID from it, so equal input, equal bytes. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * pdfmake with Tinos (metric-compatible with Times New Roman, Cyrillic; SIL OFL 1.1) as its only font;
 * no network, and no files but the fonts' own.
 */
export function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const make = require('pdfmake') as PdfMake;
  const font = (style: string) => require.resolve(`@expo-google-fonts/tinos/${style}/Tinos_${style}.ttf`);
  make.setFonts({
    [FONT]: {
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
