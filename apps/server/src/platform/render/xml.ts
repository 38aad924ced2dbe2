/**
 * A small XML reader for the parts of a DOCX package: elements with their qualified names as written
 * (`w:p`, `a:blip`), attributes and text. No DTDs, no namespace resolution: WordprocessingML packages
 * use the conventional prefixes, and a part that does not parse is read as far as it goes.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The root element of an XML text (an empty element when there is none). */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  for (const m of text.matchAll(TOKEN)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[2] !== undefined) {
      let at = stack.length - 1;
      while (at > 0 && stack[at]!.name !== m[2]) at--;
      if (at > 0) stack.length = at;
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(ATTR)) attrs[a[1]!] = decodeXml(a[2] ?? a[3] ?? '');
      const element: XmlElement = { name: m[3], attrs, children: [] };
      top.children.push(element);
      if (m[5] !== '/') stack.push(element);
    } else if (m[6] !== undefined && stack.length > 1) top.children.push(decodeXml(m[6]));
  }
  return root.children.find((c): c is XmlElement => typeof c !== 'string') ?? root;
}

export function elements(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (!name || c.name === name));
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The first descendant with this name, depth first. */
export function descendant(el: XmlElement | undefined, name: string): XmlElement | undefined {
  for (const c of elements(el)) {
    if (c.name === name) return c;
    const found = descendant(c, name);
    if (found) return found;
  }
  return undefined;
}

export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** A numeric attribute (`w:val`, `w:w`…), or undefined. */
export function num(el: XmlElement | undefined, attr = 'w:val'): number | undefined {
  const raw = el?.attrs[attr];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** An OOXML on/off property: `<w:b/>` is on, `w:val="0|false|off"` is off, absent is undefined. */
export function flag(el: XmlElement | undefined, name: string): boolean | undefined {
  const e = child(el, name);
  if (!e) return undefined;
  const v = e.attrs['w:val'];
  return !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}
