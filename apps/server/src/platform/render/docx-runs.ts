import { readRPr, type RunProps } from './docx-styles.js';
import type { LayoutContext, PdfNode } from './docx-layout.js';
import { child, descendant, elements, num, textOf, type XmlElement } from './xml.js';

// Runs of a paragraph: text with its formatting, tabs, breaks, pictures, page-number fields.

const EMU_PER_POINT = 12_700;

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

export type Piece =
  { kind: 'text'; node: PdfNode } | { kind: 'tab' } | { kind: 'page' } | { kind: 'image'; node: PdfNode };

export function inline(text: string, run: RunProps): PdfNode {
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

export function pieces(p: XmlElement, ctx: LayoutContext, base: RunProps): Piece[] {
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
