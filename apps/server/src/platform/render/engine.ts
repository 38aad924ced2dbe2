import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

/** The one font family every DOCX font maps to. */
export const FONT = 'Tinos';

/** A date fixed in every PDF's metadata: pdfkit derives the file ID from it, so equal input, equal bytes. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

const font = (style: string) => require.resolve(`@expo-google-fonts/tinos/${style}/Tinos_${style}.ttf`);
const FACES = {
  normal: font('400Regular'),
  bold: font('700Bold'),
  italics: font('400Regular_Italic'),
  bolditalics: font('700Bold_Italic'),
};
const FONT_FILES = new Set(Object.values(FACES));

/**
 * pdfmake with Tinos (metric-compatible with Times New Roman, Cyrillic; SIL OFL 1.1) as its only font;
 * no network, and no files but the fonts' own. pdfmake keeps these settings module-wide, so they are set
 * again before each document, whatever another user of pdfmake in the process set meanwhile.
 */
export function engine(): PdfMake {
  const make = require('pdfmake') as PdfMake;
  make.setFonts({ [FONT]: FACES });
  make.setUrlAccessPolicy(() => false);
  make.setLocalAccessPolicy((path) => FONT_FILES.has(path));
  return make;
}
