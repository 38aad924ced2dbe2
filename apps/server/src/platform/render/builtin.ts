import PizZip from 'pizzip';
import { AppError } from '../errors.js';
import {
  blocks,
  keepWithNext,
  pageSetup,
  part,
  readRels,
  type LayoutContext,
  type PdfNode,
} from './docx-layout.js';
import { fillPageFields } from './docx-runs.js';
import { Numbering } from './docx-numbering.js';
import { Styles } from './docx-styles.js';
import { engine, FIXED_DATE, FONT } from './engine.js';
import type { PdfOptions } from './index.js';
import { stampBlock } from './stamp.js';
import { child, elements, flag, parseXml } from './xml.js';

const DOCUMENT = 'word/document.xml';

/**
 * A rendered DOCX as a pdfmake document definition: the body's paragraphs, lists, tables and
 * pictures laid out on the page size and margins of its last section, its default header and footer,
 * every font set in Tinos; the stamp, if any, after the content.
 */
export function docxToDefinition(docx: Buffer, options: PdfOptions = {}): PdfNode {
  let zip: PizZip;
  try {
    zip = new PizZip(docx);
  } catch (error) {
    throw new AppError('template_invalid', `not a zip: ${(error as Error).message}`);
  }
  const xml = zip.file(DOCUMENT)?.asText();
  if (!xml) throw new AppError('template_invalid', `no ${DOCUMENT}`);
  const body = child(parseXml(xml), 'w:body');
  const sectPr = child(body, 'w:sectPr');
  const page = pageSetup(sectPr);
  const { margins } = page;
  const width = page.width - margins.left - margins.right;
  const ctx: LayoutContext = {
    zip,
    styles: new Styles(zip.file('word/styles.xml')?.asText()),
    numbering: new Numbering(zip.file('word/numbering.xml')?.asText()),
    rels: readRels(zip, DOCUMENT),
    images: {},
  };
  const content = body ? blocks(body, ctx, width, true) : [];
  if (options.stamp) content.push(stampBlock(options.stamp));

  // A distinct first page (w:titlePg) takes the `first` header and footer, or none.
  const titlePage = flag(sectPr, 'w:titlePg') === true;
  const reference = (kind: 'w:headerReference' | 'w:footerReference', type: string) =>
    elements(sectPr, kind).find((r) => (r.attrs['w:type'] ?? 'default') === type)?.attrs['r:id'];
  const load = (kind: 'w:headerReference' | 'w:footerReference', type: string) => {
    const id = reference(kind, type);
    return part(ctx, id ? ctx.rels.get(id) : undefined, width);
  };
  const header = load('w:headerReference', 'default');
  const footer = load('w:footerReference', 'default');
  const firstHeader = titlePage ? load('w:headerReference', 'first') : header;
  const firstFooter = titlePage ? load('w:footerReference', 'first') : footer;

  const definition: PdfNode = {
    content,
    images: ctx.images,
    defaultStyle: { font: FONT, fontSize: 10 },
    pageSize: { width: page.width, height: page.height },
    pageMargins: [margins.left, margins.top, margins.right, margins.bottom],
    pageBreakBefore: keepWithNext,
    info: { title: options.title ?? '', creationDate: FIXED_DATE, modDate: FIXED_DATE },
  };
  const frame = (first: PdfNode[] | undefined, other: PdfNode[] | undefined, margin: number[]) =>
    first || other
      ? (page: number, pages: number) => {
          const content = page === 1 ? first : other;
          return content ? { stack: fillPageFields(content, page, pages), margin } : null;
        }
      : undefined;
  const top = Math.max(0, margins.bottom - margins.footer - 14);
  const headerOf = frame(firstHeader, header, [margins.left, margins.header, margins.right, 0]);
  const footerOf = frame(firstFooter, footer, [margins.left, top, margins.right, 0]);
  if (headerOf) definition.header = headerOf;
  if (footerOf) definition.footer = footerOf;
  return definition;
}

/** The builtin route: the DOCX laid out by pdfmake (npm packages only), the stamp with its QR code last. */
export async function builtinPdf(docx: Buffer, options: PdfOptions = {}): Promise<Buffer> {
  const definition = docxToDefinition(docx, options);
  try {
    return await engine().createPdf(definition).getBuffer();
  } catch (error) {
    throw new AppError('render_failed', `pdfmake: ${(error as Error).message}`);
  }
}
