import { child, elements, flag, num, parseXml, type XmlElement } from './xml.js';

/** Paragraph properties, in points. */
export interface ParaProps {
  align?: 'left' | 'center' | 'right' | 'justify';
  indLeft?: number;
  indRight?: number;
  /** First-line indent; negative for a hanging one. */
  firstLine?: number;
  before?: number;
  after?: number;
  /** `auto`: a multiple of single spacing; `exact`/`atLeast`: points. */
  line?: { value: number; rule: 'auto' | 'exact' | 'atLeast' };
  pageBreakBefore?: boolean;
  keepNext?: boolean;
  /** Tab stops from the paragraph's left indent. */
  tabs?: Array<{ pos: number; kind: string }>;
  numId?: string;
  ilvl?: number;
}

export interface RunProps {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  strike?: boolean;
  caps?: boolean;
  /** Points. */
  size?: number;
  color?: string;
  vertAlign?: 'superscript' | 'subscript' | 'baseline';
  hidden?: boolean;
}

interface Style {
  basedOn?: string;
  pPr?: XmlElement;
  rPr?: XmlElement;
  tblPr?: XmlElement;
}

const JC: Record<string, ParaProps['align']> = {
  left: 'left',
  start: 'left',
  center: 'center',
  right: 'right',
  end: 'right',
  both: 'justify',
  distribute: 'justify',
};

const twips = (v: number | undefined) => (v === undefined ? undefined : v / 20);

function defined<T extends object>(props: T): Partial<T> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function readPPr(pPr: XmlElement | undefined): ParaProps {
  if (!pPr) return {};
  const ind = child(pPr, 'w:ind');
  const spacing = child(pPr, 'w:spacing');
  const jc = child(pPr, 'w:jc')?.attrs['w:val'];
  const hanging = twips(num(ind, 'w:hanging'));
  const line = num(spacing, 'w:line');
  const rule = spacing?.attrs['w:lineRule'];
  const tabs = elements(child(pPr, 'w:tabs'), 'w:tab')
    .filter((t) => t.attrs['w:val'] !== 'clear')
    .map((t) => ({ pos: (num(t, 'w:pos') ?? 0) / 20, kind: t.attrs['w:val'] ?? 'left' }));
  const numPr = child(pPr, 'w:numPr');
  return defined<ParaProps>({
    align: jc ? JC[jc] : undefined,
    indLeft: twips(num(ind, 'w:left') ?? num(ind, 'w:start')),
    indRight: twips(num(ind, 'w:right') ?? num(ind, 'w:end')),
    firstLine: hanging !== undefined ? -hanging : twips(num(ind, 'w:firstLine')),
    before: twips(num(spacing, 'w:before')),
    after: twips(num(spacing, 'w:after')),
    line:
      line === undefined
        ? undefined
        : rule === 'exact' || rule === 'atLeast'
          ? { value: line / 20, rule }
          : { value: line / 240, rule: 'auto' },
    pageBreakBefore: flag(pPr, 'w:pageBreakBefore'),
    keepNext: flag(pPr, 'w:keepNext'),
    tabs: tabs.length > 0 ? tabs : undefined,
    numId: child(numPr, 'w:numId')?.attrs['w:val'],
    ilvl: num(child(numPr, 'w:ilvl')),
  });
}

export function readRPr(rPr: XmlElement | undefined): RunProps {
  if (!rPr) return {};
  const u = child(rPr, 'w:u')?.attrs['w:val'];
  const color = child(rPr, 'w:color')?.attrs['w:val'];
  const vert = child(rPr, 'w:vertAlign')?.attrs['w:val'];
  const sz = num(child(rPr, 'w:sz'));
  return defined<RunProps>({
    bold: flag(rPr, 'w:b'),
    italics: flag(rPr, 'w:i'),
    underline: u === undefined ? undefined : u !== 'none',
    strike: flag(rPr, 'w:strike') ?? flag(rPr, 'w:dstrike'),
    caps: flag(rPr, 'w:caps'),
    size: sz === undefined ? undefined : sz / 2,
    color: color && /^[0-9A-Fa-f]{6}$/.test(color) ? `#${color}` : undefined,
    vertAlign: vert === 'superscript' || vert === 'subscript' || vert === 'baseline' ? vert : undefined,
    hidden: flag(rPr, 'w:vanish'),
  });
}

/** styles.xml: the document defaults and the named styles with their `basedOn` chains. */
export class Styles {
  private readonly styles = new Map<string, Style>();
  private readonly defaults: { pPr?: XmlElement; rPr?: XmlElement } = {};
  private defaultParagraph?: string;
  private defaultTable?: string;

  constructor(xml: string | undefined) {
    if (!xml) return;
    const root = parseXml(xml);
    const docDefaults = child(root, 'w:docDefaults');
    this.defaults.pPr = child(child(docDefaults, 'w:pPrDefault'), 'w:pPr');
    this.defaults.rPr = child(child(docDefaults, 'w:rPrDefault'), 'w:rPr');
    for (const s of elements(root, 'w:style')) {
      const id = s.attrs['w:styleId'];
      if (!id) continue;
      this.styles.set(id, {
        basedOn: child(s, 'w:basedOn')?.attrs['w:val'],
        pPr: child(s, 'w:pPr'),
        rPr: child(s, 'w:rPr'),
        tblPr: child(s, 'w:tblPr'),
      });
      if (s.attrs['w:default'] === '1' || s.attrs['w:default'] === 'true') {
        if (s.attrs['w:type'] === 'paragraph') this.defaultParagraph = id;
        if (s.attrs['w:type'] === 'table') this.defaultTable = id;
      }
    }
  }

  /** The style and its ancestors, the most basic first. */
  private chain(id: string | undefined): Style[] {
    const out: Style[] = [];
    const seen = new Set<string>();
    for (let at = id; at && !seen.has(at); at = this.styles.get(at)?.basedOn) {
      seen.add(at);
      const s = this.styles.get(at);
      if (s) out.unshift(s);
    }
    return out;
  }

  paragraph(styleId: string | undefined): { para: ParaProps; run: RunProps } {
    const chain = this.chain(styleId ?? this.defaultParagraph);
    return {
      para: Object.assign({}, readPPr(this.defaults.pPr), ...chain.map((s) => readPPr(s.pPr))) as ParaProps,
      run: Object.assign(
        { size: 10 },
        readRPr(this.defaults.rPr),
        ...chain.map((s) => readRPr(s.rPr)),
      ) as RunProps,
    };
  }

  run(styleId: string | undefined): RunProps {
    return styleId ? (Object.assign({}, ...this.chain(styleId).map((s) => readRPr(s.rPr))) as RunProps) : {};
  }

  /** The table properties a table style gives (its borders), the most basic first. */
  table(styleId: string | undefined): XmlElement[] {
    return this.chain(styleId ?? this.defaultTable).flatMap((s) => (s.tblPr ? [s.tblPr] : []));
  }
}
