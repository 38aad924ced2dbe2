import { child, elements, num, parseXml, type XmlElement } from './xml.js';
import { readPPr, type ParaProps } from './docx-styles.js';

interface Level {
  format: string;
  text: string;
  start: number;
  para: ParaProps;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  let out = '';
  for (const [value, digits] of ROMAN) for (; n >= value; n -= value) out += digits;
  return out;
}

function format(n: number, kind: string): string {
  switch (kind) {
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'russianLower':
      return 'абвгдежзиклмнопрстуфхцчшщэюя'[(n - 1) % 28]!;
    case 'russianUpper':
      return 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ'[(n - 1) % 28]!;
    default:
      return String(n);
  }
}

/** numbering.xml: list labels (`1.`, `1.2.`, `а)`, bullets) counted through the document. */
export class Numbering {
  private readonly nums = new Map<string, Map<number, Level>>();
  private readonly counters = new Map<string, number[]>();

  constructor(xml: string | undefined) {
    if (!xml) return;
    const root = parseXml(xml);
    const abstracts = new Map<string, XmlElement>();
    for (const a of elements(root, 'w:abstractNum')) abstracts.set(a.attrs['w:abstractNumId'] ?? '', a);
    for (const n of elements(root, 'w:num')) {
      const abstract = abstracts.get(child(n, 'w:abstractNumId')?.attrs['w:val'] ?? '');
      const levels = new Map<number, Level>();
      for (const l of elements(abstract, 'w:lvl')) {
        levels.set(Number(l.attrs['w:ilvl'] ?? 0), {
          format: child(l, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
          text: child(l, 'w:lvlText')?.attrs['w:val'] ?? '',
          start: num(child(l, 'w:start')) ?? 1,
          para: readPPr(child(l, 'w:pPr')),
        });
      }
      this.nums.set(n.attrs['w:numId'] ?? '', levels);
    }
  }

  /** The next label of a list item and the indents its level gives, or undefined (not a list). */
  next(numId: string | undefined, ilvl = 0): { label: string; para: ParaProps } | undefined {
    const levels = numId && numId !== '0' ? this.nums.get(numId) : undefined;
    const level = levels?.get(ilvl);
    if (!levels || !level) return undefined;
    const counts = this.counters.get(numId!) ?? [];
    for (let i = 0; i < ilvl; i++) counts[i] ??= levels.get(i)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl] + 1;
    counts.length = ilvl + 1;
    this.counters.set(numId!, counts);
    if (level.format === 'none') return { label: '', para: level.para };
    const label =
      level.format === 'bullet'
        ? '•'
        : level.text.replace(/%([1-9])/g, (_, d: string) => {
            const i = Number(d) - 1;
            return format(counts[i] ?? 1, levels.get(i)?.format ?? 'decimal');
          });
    return { label, para: level.para };
  }
}
