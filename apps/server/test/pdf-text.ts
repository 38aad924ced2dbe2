/**
 * Reading a PDF back in tests: its text (pdfjs-dist, the legacy build that runs in Node) and its
 * page count. Text items are joined as they stand on the line, so words come out whole.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
}

/** A piece of text where it stands: page (from 0), x and y in points from the bottom left corner. */
export interface PlacedText {
  str: string;
  page: number;
  x: number;
  y: number;
}

async function open(pdf: Buffer) {
  return getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

/** The text of each page, lines separated by `\n`. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await open(pdf);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { items } = await page.getTextContent();
      pages.push(
        (items as TextItem[])
          .filter((i) => 'str' in i)
          .map((i) => i.str + (i.hasEOL ? '\n' : ''))
          .join(''),
      );
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The whole document's text, pages separated by a blank line. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join('\n\n');
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  const doc = await open(pdf);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** Every text item with its position, to check margins and alignment. */
export async function pdfTextItems(pdf: Buffer): Promise<PlacedText[]> {
  const doc = await open(pdf);
  try {
    const out: PlacedText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { items } = await (await doc.getPage(n)).getTextContent();
      for (const i of items as TextItem[]) {
        if ('str' in i && i.str.trim())
          out.push({ str: i.str, page: n - 1, x: i.transform[4]!, y: i.transform[5]! });
      }
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
