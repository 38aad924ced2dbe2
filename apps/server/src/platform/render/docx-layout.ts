import PizZip from 'pizzip';
import { Numbering } from './docx-numbering.js';
import { readPPr, readRPr, Styles, type ParaProps, type RunProps } from './docx-styles.js';
import { table } from './docx-table.js';
import { child, descendant, elements, num, parseXml, textOf, type XmlElement } from './xml.js';

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

export const PAGE_MARK = '\u0001PAGE\u0001';
export const PAGES_MARK = '\u0001NUMPAGES\u0001';

/** The page mark a field instruction stands for, if it is PAGE or NUMPAGES. */
function pageMark(instr: string): string | undefined {
  const name = /^\s*(\w+)/.exec(instr)?.[1]?.toUpperCase();
  return name === 'PAGE' ? PAGE_MARK : name === 'NUMPAGES' ? PAGES_MARK : undefined;
}

/** A copy of header or footer content with its page fields filled for one page. */
export function fillPageFields(node: unknown, page: number, pages: number): unknown {
  if (typeof node === 'string') {
    return node.split(PAGE_MARK).join(String(page)).split(PAGES_MARK).join(String(pages));
  }
  if (Array.isArray(node)) return node.map((n) => fillPageFields(n, page, pages));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fillPageFields(v, page, pages)]));
  }
  return node;
}

/** A page: size and margins in points. */
export interface PageSetup {
  width: number;
  height: number;
  margins: { top: number; right: number; bottom: number; left: number; header: number; footer: number };
}

/** A4 with the margins of ГОСТ Р 7.0.97-2016 (left 20 mm… here Word's 3/1.5/2/2 cm), when a DOCX has none. */
const DEFAULT_PAGE: PageSetup = {
  width: 595.3,
  height: 841.9,
  margins: { top: 56.7, right: 42.5, bottom: 56.7, left: 85.05, header: 35.4, footer: 35.4 },
};

const EMU_PER_POINT = 12_700;
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

/** Body-level content: paragraphs, tables, content controls; a mid-document section ends a page. */
export function blocks(parent: XmlElement, ctx: LayoutContext, width: number): PdfNode[] {
  const out: PdfNode[] = [];
  for (const el of elements(parent)) {
    if (el.name === 'w:p') {
      out.push(...paragraph(el, ctx, width));
      if (child(child(el, 'w:pPr'), 'w:sectPr')) out.push({ text: '', pageBreak: 'after' });
    } else if (el.name === 'w:tbl') out.push(table(el, ctx, width));
    else if (el.name === 'w:sdt') out.push(...blocks(child(el, 'w:sdtContent') ?? el, ctx, width));
    else if (el.name === 'w:customXml' || el.name === 'w:ins') out.push(...blocks(el, ctx, width));
  }
  return out;
}

type Piece =
  { kind: 'text'; node: PdfNode } | { kind: 'tab' } | { kind: 'page' } | { kind: 'image'; node: PdfNode };

function inline(text: string, run: RunProps): PdfNode {
  const node: PdfNode = { text: run.caps ? text.toUpperCase() : text };
  if (run.bold) node.bold = true;
  if (run.italics) node.italics = true;
  const decoration = [run.underline && 'underline', run.strike && 'lineThrough'].filter(Boolean);
  if (decoration.length === 1) node.decoration = decoration[0];
  if (decoration.length === 2) node.decoration = decoration;
  if (run.size) node.fontSize = run.size;
  if (run.color && run.color !== '#000000') node.color = run.color;
  if (run.vertAlign === 'superscript') node.sup = true;
  if (run.vertAlign === 'subscript') node.sub = true;
  return node;
}

/** An inline picture (`w:drawing` → `a:blip r:embed` → word/media/*), sized by its extent in EMU. */
function image(drawing: XmlElement, ctx: LayoutContext): PdfNode | undefined {
  const extent = descendant(drawing, 'wp:extent');
  const id = descendant(drawing, 'a:blip')?.attrs['r:embed'];
  const path = id ? ctx.rels.get(id) : undefined;
  const file = path ? ctx.zip.file(path) : null;
  if (!file || !path) return undefined;
  const bytes = Buffer.from(file.asUint8Array());
  const mime =
    bytes[0] === 0x89 && bytes[1] === 0x50 ? 'png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpeg' : '';
  if (!mime) return undefined;
  const name = `img:${path}`;
  ctx.images[name] ??= `data:image/${mime};base64,${bytes.toString('base64')}`;
  const node: PdfNode = { image: name };
  const cx = num(extent, 'cx');
  const cy = num(extent, 'cy');
  if (cx && cy) {
    node.width = cx / EMU_PER_POINT;
    node.height = cy / EMU_PER_POINT;
  }
  return node;
}

const CONTAINERS = new Set([
  'w:hyperlink',
  'w:smartTag',
  'w:ins',
  'w:fldSimple',
  'w:customXml',
  'w:moveTo',
  'w:dir',
  'w:bdo',
]);

function pieces(p: XmlElement, ctx: LayoutContext, base: RunProps): Piece[] {
  const out: Piece[] = [];
  let field: 'instr' | 'result' | 'skip' | undefined;
  let instr = '';
  const walk = (parent: XmlElement) => {
    for (const el of elements(parent)) {
      const simple =
        el.name === 'w:fldSimple' && ctx.pageFields ? pageMark(el.attrs['w:instr'] ?? '') : undefined;
      if (simple) {
        const rPr = child(descendant(el, 'w:r'), 'w:rPr');
        out.push({ kind: 'text', node: inline(simple, { ...base, ...readRPr(rPr) }) });
      } else if (el.name === 'w:sdt') walk(child(el, 'w:sdtContent') ?? el);
      else if (CONTAINERS.has(el.name)) walk(el);
      else if (el.name === 'w:r') {
        const rPr = child(el, 'w:rPr');
        const run: RunProps = {
          ...base,
          ...ctx.styles.run(child(rPr, 'w:rStyle')?.attrs['w:val']),
          ...readRPr(rPr),
        };
        if (run.hidden) continue;
        for (const c of elements(el)) {
          if (c.name === 'w:fldChar') {
            const type = c.attrs['w:fldCharType'];
            if (type === 'begin') [field, instr] = ['instr', ''];
            else if (type === 'end') field = undefined;
            else if (type === 'separate') {
              const mark = ctx.pageFields ? pageMark(instr) : undefined;
              if (mark) out.push({ kind: 'text', node: inline(mark, run) });
              field = mark ? 'skip' : 'result';
            }
          } else if (field === 'instr') {
            if (c.name === 'w:instrText') instr += textOf(c);
          } else if (field === 'skip') continue;
          else if (c.name === 'w:t') out.push({ kind: 'text', node: inline(textOf(c), run) });
          else if (c.name === 'w:tab' || c.name === 'w:ptab') out.push({ kind: 'tab' });
          else if (c.name === 'w:br' && c.attrs['w:type'] === 'page') out.push({ kind: 'page' });
          else if (c.name === 'w:br' || c.name === 'w:cr')
            out.push({ kind: 'text', node: inline('\n', run) });
          else if (c.name === 'w:noBreakHyphen') out.push({ kind: 'text', node: inline('-', run) });
          else if (c.name === 'w:drawing') {
            const node = image(c, ctx);
            if (node) out.push({ kind: 'image', node });
          }
        }
      }
    }
  };
  walk(p);
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

export function paragraph(p: XmlElement, ctx: LayoutContext, width: number): PdfNode[] {
  const pPr = child(p, 'w:pPr');
  const style = ctx.styles.paragraph(child(pPr, 'w:pStyle')?.attrs['w:val']);
  let para: ParaProps = { ...style.para, ...readPPr(pPr) };
  const markRun: RunProps = { ...style.run, ...readRPr(child(pPr, 'w:rPr')) };
  const size = markRun.size ?? 10;
  const list = ctx.numbering.next(para.numId, para.ilvl);
  if (list) para = { ...style.para, ...list.para, ...readPPr(pPr) };
  const all = pieces(p, ctx, style.run);
  if (list?.label) all.unshift({ kind: 'text', node: inline(`${list.label}\u00a0`, markRun) });

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
    const node: PdfNode = parts.length === 1 ? parts[0]! : { stack: parts };
    node.margin = margin;
    if (para.align) node.alignment = para.align;
    if (first > 0) node.leadingIndent = first;
    node.lineHeight = height;
    if (para.pageBreakBefore && index === 0) node.pageBreak = 'before';
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
