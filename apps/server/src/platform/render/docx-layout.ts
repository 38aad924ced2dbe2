import PizZip from 'pizzip';
import { Numbering } from './docx-numbering.js';
import { inline, pieces, type Piece } from './docx-runs.js';
import { readPPr, readRPr, type ParaProps, type RunProps, type Styles } from './docx-styles.js';
import { table } from './docx-table.js';
import { child, elements, num, parseXml, type XmlElement } from './xml.js';

/** A pdfmake content node, built loosely and handed to pdfmake as its document definition. */
export type PdfNode = Record<string, unknown>;

/** What converting one part needs: styles, lists, the part's relationships and the images met. */
export interface LayoutContext {
  zip: PizZip;
  styles: Styles;
  numbering: Numbering;
  /** Relationship id → target path inside the package, for the part being converted. */
  rels: Map<string, string>;
  /** Image name → data URL, for pdfmake's `images`. */
  images: Record<string, string>;
  /** In a header or footer: PAGE and NUMPAGES fields become marks that `fillPageFields` replaces. */
  pageFields?: boolean;
}

/** A page: size and margins in points. */
export interface PageSetup {
  width: number;
  height: number;
  margins: { top: number; right: number; bottom: number; left: number; header: number; footer: number };
}

/** A4 with margins of 3 / 1.5 / 2 / 2 cm (left, right, top, bottom), when a DOCX has none. */
const DEFAULT_PAGE: PageSetup = {
  width: 595.3,
  height: 841.9,
  margins: { top: 56.7, right: 42.5, bottom: 56.7, left: 85.05, header: 35.4, footer: 35.4 },
};

/**
 * Word's single line of Times New Roman is 1.15 of the font size (ascent, descent and line gap);
 * pdfmake's line of Tinos, the same metrics, counts 1.107 (no line gap). Every line height is scaled by
 * their ratio so that lines fall where Word puts them.
 */
export const WORD_SINGLE_LINE = 1.15;
const PDFMAKE_LINE = 1.107;
export const LINE_SCALE = WORD_SINGLE_LINE / PDFMAKE_LINE;
const TAB_SPACES = '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0';

export function readRels(zip: PizZip, part: string): Map<string, string> {
  const slash = part.lastIndexOf('/');
  const dir = part.slice(0, slash);
  const xml = zip.file(`${dir}/_rels/${part.slice(slash + 1)}.rels`)?.asText();
  const rels = new Map<string, string>();
  if (!xml) return rels;
  for (const r of elements(parseXml(xml), 'Relationship')) {
    const target = r.attrs.Target ?? '';
    if (r.attrs.TargetMode === 'External') continue;
    rels.set(r.attrs.Id ?? '', target.startsWith('/') ? target.slice(1) : normalize(`${dir}/${target}`));
  }
  return rels;
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

export function pageSetup(sectPr: XmlElement | undefined): PageSetup {
  const size = child(sectPr, 'w:pgSz');
  const mar = child(sectPr, 'w:pgMar');
  const pt = (el: XmlElement | undefined, attr: string, fallback: number) => {
    const v = num(el, attr);
    return v === undefined ? fallback : Math.abs(v) / 20;
  };
  const d = DEFAULT_PAGE;
  return {
    width: pt(size, 'w:w', d.width),
    height: pt(size, 'w:h', d.height),
    margins: {
      top: pt(mar, 'w:top', d.margins.top),
      right: pt(mar, 'w:right', d.margins.right),
      bottom: pt(mar, 'w:bottom', d.margins.bottom),
      left: pt(mar, 'w:left', d.margins.left),
      header: pt(mar, 'w:header', d.margins.header),
      footer: pt(mar, 'w:footer', d.margins.footer),
    },
  };
}

/**
 * Body-level content: paragraphs, tables, content controls; a mid-document section ends a page.
 * In the body itself (`body`), a paragraph kept with the next (`w:keepNext`) is marked for `keepWithNext`.
 */
export function blocks(parent: XmlElement, ctx: LayoutContext, width: number, body = false): PdfNode[] {
  const out: PdfNode[] = [];
  for (const el of elements(parent)) {
    if (el.name === 'w:p') {
      out.push(...paragraph(el, ctx, width, body));
      if (child(child(el, 'w:pPr'), 'w:sectPr')) out.push({ text: '', pageBreak: 'after' });
    } else if (el.name === 'w:tbl') out.push(table(el, ctx, width));
    else if (el.name === 'w:sdt') out.push(...blocks(child(el, 'w:sdtContent') ?? el, ctx, width, body));
    else if (el.name === 'w:customXml' || el.name === 'w:ins') out.push(...blocks(el, ctx, width, body));
  }
  return out;
}

/** pdfmake's lineHeight (a multiple of the font's line) for Word's line spacing. */
function lineHeight(para: ParaProps, size: number): number {
  if (!para.line) return LINE_SCALE;
  if (para.line.rule === 'auto') return para.line.value * LINE_SCALE;
  const ratio = para.line.value / (size * PDFMAKE_LINE);
  return para.line.rule === 'exact' ? ratio : Math.max(LINE_SCALE, ratio);
}

/** A paragraph's text: one line of inlines, or — a single tab before a right tab stop — two columns. */
function textNode(items: Piece[], para: ParaProps, size: number): PdfNode {
  const tabs = items.filter((i) => i.kind === 'tab').length;
  const nodes = (list: Piece[]) =>
    list.flatMap((i) => (i.kind === 'text' ? [i.node] : i.kind === 'tab' ? [{ text: TAB_SPACES }] : []));
  const lastStop = para.tabs?.[para.tabs.length - 1];
  if (tabs === 1 && lastStop && lastStop.kind === 'right') {
    const at = items.findIndex((i) => i.kind === 'tab');
    return {
      columns: [
        { text: nodes(items.slice(0, at)), width: '*' },
        { text: nodes(items.slice(at + 1)), width: 'auto', alignment: 'right' },
      ],
      columnGap: 6,
    };
  }
  const text = nodes(items);
  return { text: text.length > 0 ? text : [{ text: '\u00a0', fontSize: size }], preserveLeadingSpaces: true };
}

/** The mark of a paragraph kept with the next one (pdfmake passes `headlineLevel` to `keepWithNext`). */
const KEEP_NEXT = 1;

/**
 * pdfmake's `pageBreakBefore`: a paragraph kept with the next (`w:keepNext`, a heading) that would end a
 * page while the content goes on starts the next page instead.
 */
export function keepWithNext(
  node: { headlineLevel?: number; pageNumbers: number[] },
  nodes: { getFollowingNodesOnPage(): unknown[]; getNodesOnNextPage(): unknown[] },
): boolean {
  return (
    node.headlineLevel === KEEP_NEXT &&
    node.pageNumbers.length === 1 &&
    nodes.getFollowingNodesOnPage().length === 0 &&
    nodes.getNodesOnNextPage().length > 0
  );
}

export function paragraph(p: XmlElement, ctx: LayoutContext, width: number, body = false): PdfNode[] {
  const pPr = child(p, 'w:pPr');
  const style = ctx.styles.paragraph(child(pPr, 'w:pStyle')?.attrs['w:val']);
  let para: ParaProps = { ...style.para, ...readPPr(pPr) };
  const markRun: RunProps = { ...style.run, ...readRPr(child(pPr, 'w:rPr')) };
  const size = markRun.size ?? 10;
  const list = ctx.numbering.next(para.numId, para.ilvl);
  if (list) para = { ...style.para, ...list.para, ...readPPr(pPr) };
  const all = pieces(p, ctx, style.run);
  // A list label hangs in the indent (`w:hanging`) as in Word: a column of its own, the text beside it.
  const hanging = list?.label && (para.firstLine ?? 0) < 0 ? -(para.firstLine ?? 0) : 0;
  if (list?.label && !hanging) all.unshift({ kind: 'text', node: inline(`${list.label}\u00a0`, markRun) });

  const segments: Piece[][] = [[]];
  for (const piece of all) {
    if (piece.kind === 'page') segments.push([]);
    else segments[segments.length - 1]!.push(piece);
  }
  const first = para.firstLine ?? 0;
  const left = Math.max(0, (para.indLeft ?? 0) + Math.min(0, first));
  const margin = [left, para.before ?? 0, Math.max(0, para.indRight ?? 0), para.after ?? 0];
  const innerWidth = Math.max(20, width - left - (para.indRight ?? 0));
  const height = lineHeight(para, size);
  const out: PdfNode[] = [];
  segments.forEach((items, index) => {
    const text = items.filter((i) => i.kind !== 'image');
    const pictures = items.flatMap((i) => (i.kind === 'image' ? [fit(i.node, innerWidth)] : []));
    const parts: PdfNode[] = [];
    if (text.some((i) => i.kind === 'text' || i.kind === 'tab') || pictures.length === 0) {
      parts.push(textNode(text, para, size));
    }
    parts.push(...pictures);
    let node: PdfNode = parts.length === 1 ? parts[0]! : { stack: parts };
    if (hanging && index === 0) {
      const label = { width: hanging, text: [inline(list!.label, markRun)] };
      node = { columns: [label, { width: '*', stack: [node] }], columnGap: 0 };
    }
    node.margin = margin;
    if (para.align) node.alignment = para.align;
    if (first > 0) node.leadingIndent = first;
    node.lineHeight = height;
    if (para.pageBreakBefore && index === 0) node.pageBreak = 'before';
    if (body && para.keepNext && index === segments.length - 1) node.headlineLevel = KEEP_NEXT;
    if (index > 0) node.pageBreak = 'before';
    out.push(node);
  });
  return out;
}

/** A picture never wider than the space it is in. */
function fit(node: PdfNode, width: number): PdfNode {
  const w = node.width as number | undefined;
  const h = node.height as number | undefined;
  if (w && h && w > width) return { ...node, width, height: (h * width) / w };
  if (!w) return { ...node, fit: [width, width] };
  return node;
}

/** A header or footer part (word/header1.xml…) as pdfmake content, with its own relationships. */
export function part(ctx: LayoutContext, path: string | undefined, width: number): PdfNode[] | undefined {
  const xml = path ? ctx.zip.file(path)?.asText() : undefined;
  if (!xml || !path) return undefined;
  const content = blocks(parseXml(xml), { ...ctx, rels: readRels(ctx.zip, path), pageFields: true }, width);
  return content.length > 0 ? content : undefined;
}
