import { blocks, type LayoutContext, type PdfNode } from './docx-layout.js';
import { child, elements, num, type XmlElement } from './xml.js';

type Side = 'top' | 'left' | 'bottom' | 'right' | 'insideH' | 'insideV';

interface Border {
  on: boolean;
  /** Points. */
  width: number;
  color: string;
}

/** Word's default cell margins (108 twips left and right). */
const CELL_PADDING = 5.4;

function readBorders(el: XmlElement | undefined): Partial<Record<Side, Border>> {
  const out: Partial<Record<Side, Border>> = {};
  if (!el) return out;
  const alias: Record<string, Side> = {
    top: 'top',
    bottom: 'bottom',
    left: 'left',
    start: 'left',
    right: 'right',
    end: 'right',
    insideH: 'insideH',
    insideV: 'insideV',
  };
  for (const b of elements(el)) {
    const side = alias[b.name.replace(/^w:/, '')];
    if (!side) continue;
    const val = b.attrs['w:val'] ?? 'single';
    const color = b.attrs['w:color'];
    out[side] = {
      on: val !== 'none' && val !== 'nil',
      width: Math.max(0.25, (num(b, 'w:sz') ?? 4) / 8),
      color: color && /^[0-9A-Fa-f]{6}$/.test(color) ? `#${color}` : '#000000',
    };
  }
  return out;
}

interface Cell {
  tc: XmlElement;
  col: number;
  span: number;
  merge?: 'restart' | 'continue';
}

function rowCells(tr: XmlElement): Cell[] {
  let col = num(child(child(tr, 'w:trPr'), 'w:gridBefore')) ?? 0;
  return elements(tr, 'w:tc').map((tc) => {
    const tcPr = child(tc, 'w:tcPr');
    const span = num(child(tcPr, 'w:gridSpan')) ?? 1;
    const vMerge = child(tcPr, 'w:vMerge');
    const merge = vMerge ? (vMerge.attrs['w:val'] === 'restart' ? 'restart' : 'continue') : undefined;
    const cell: Cell = { tc, col, span, merge };
    col += span;
    return cell;
  });
}

/**
 * A table (`w:tbl`): column widths from `w:tblGrid` (twips), merged cells (`w:gridSpan`, `w:vMerge`),
 * borders from the table's style, the table and the cells, cell shading, repeated header rows.
 */
export function table(tbl: XmlElement, ctx: LayoutContext, width: number): PdfNode {
  const tblPr = child(tbl, 'w:tblPr');
  const borders: Partial<Record<Side, Border>> = {};
  for (const pr of [...ctx.styles.table(child(tblPr, 'w:tblStyle')?.attrs['w:val']), tblPr]) {
    Object.assign(borders, readBorders(child(pr, 'w:tblBorders')));
  }
  const indent = Math.max(0, (num(child(tblPr, 'w:tblInd'), 'w:w') ?? 0) / 20);
  const rows = elements(tbl, 'w:tr');
  const cells = rows.map(rowCells);
  let grid = elements(child(tbl, 'w:tblGrid'), 'w:gridCol').map((g) => (num(g, 'w:w') ?? 0) / 20);
  const columns = Math.max(
    grid.length,
    ...cells.map((r) => r.reduce((n, c) => Math.max(n, c.col + c.span), 0)),
  );
  if (grid.length < columns || grid.some((w) => w <= 0))
    grid = Array<number>(columns).fill((width - indent) / columns);
  const total = grid.reduce((a, b) => a + b, 0);
  if (total > width - indent) grid = grid.map((w) => (w * (width - indent)) / total);

  const lineWidth = Math.max(0.5, ...Object.values(borders).map((b) => (b.on ? b.width : 0)));
  const last = rows.length - 1;
  const body: PdfNode[][] = cells.map(() =>
    Array.from({ length: columns }, (): PdfNode => ({ text: '', border: [false, false, false, false] })),
  );
  cells.forEach((row, r) => {
    for (const cell of row) {
      if (cell.merge === 'continue' || cell.col >= columns) continue;
      let rowSpan = 1;
      if (cell.merge === 'restart') {
        while (cells[r + rowSpan]?.some((c) => c.col === cell.col && c.merge === 'continue')) rowSpan++;
      }
      const span = Math.min(cell.span, columns - cell.col);
      const cellWidth = grid.slice(cell.col, cell.col + span).reduce((a, b) => a + b, 0) - 2 * CELL_PADDING;
      const tcPr = child(cell.tc, 'w:tcPr');
      const own = readBorders(child(tcPr, 'w:tcBorders'));
      const side = (s: 'top' | 'left' | 'bottom' | 'right', outer: boolean, inner: Side) =>
        own[s] ?? (outer ? borders[s] : borders[inner]);
      const top = side('top', r === 0, 'insideH');
      const bottom = side('bottom', r + rowSpan - 1 === last, 'insideH');
      const left = side('left', cell.col === 0, 'insideV');
      const right = side('right', cell.col + span === columns, 'insideV');
      const node: PdfNode = { stack: blocks(cell.tc, ctx, Math.max(10, cellWidth)) };
      node.border = [left, top, right, bottom].map((b) => b?.on ?? false);
      node.borderColor = [left, top, right, bottom].map((b) => b?.color ?? '#000000');
      const fill = child(tcPr, 'w:shd')?.attrs['w:fill'];
      if (fill && /^[0-9A-Fa-f]{6}$/.test(fill) && fill.toUpperCase() !== 'FFFFFF')
        node.fillColor = `#${fill}`;
      const vAlign = child(tcPr, 'w:vAlign')?.attrs['w:val'];
      if (vAlign === 'center' || vAlign === 'bottom')
        node.verticalAlignment = vAlign === 'center' ? 'middle' : 'bottom';
      if (span > 1) node.colSpan = span;
      if (rowSpan > 1) node.rowSpan = rowSpan;
      for (let y = r; y < r + rowSpan; y++) for (let x = cell.col; x < cell.col + span; x++) body[y]![x] = {};
      body[r]![cell.col] = node;
    }
  });
  let headerRows = 0;
  while (headerRows < rows.length && child(child(rows[headerRows], 'w:trPr'), 'w:tblHeader')) headerRows++;

  const node: PdfNode = {
    table: {
      widths: grid.map((w) => Math.max(1, w - 2 * CELL_PADDING - lineWidth)),
      body: body.length > 0 ? body : [[{ text: '' }]],
      ...(headerRows > 0 && headerRows < rows.length ? { headerRows } : {}),
    },
    layout: {
      hLineWidth: () => lineWidth,
      vLineWidth: () => lineWidth,
      paddingLeft: () => CELL_PADDING,
      paddingRight: () => CELL_PADDING,
      paddingTop: () => 1,
      paddingBottom: () => 1,
    },
    margin: [indent, 0, 0, 0],
  };
  if (child(tblPr, 'w:jc')?.attrs['w:val'] === 'center') {
    return {
      columns: [
        { width: '*', text: '' },
        { ...node, width: 'auto' },
        { width: '*', text: '' },
      ],
    };
  }
  return node;
}
