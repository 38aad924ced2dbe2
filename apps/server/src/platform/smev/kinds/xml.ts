import { DOMParser, type Element } from '@xmldom/xmldom';
import type { AnswerView } from './types.js';

/**
 * Small helpers for the business documents: every element is namespace-qualified (the SMEV
 * transform supports nothing else), attributes are unqualified, every value escaped.
 */

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

type Attributes = Record<string, string | null | undefined>;

/**
 * `<p:name a="v">children</p:name>`; attributes with a null/undefined value are left out. `children`
 * is XML already built (use {@link text} for character data).
 */
export function element(qname: string, attributes: Attributes = {}, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  return `<${qname}${attrs}>${children.join('')}</${qname}>`;
}

/** An element holding text, or nothing when the value is absent. */
export function textElement(
  qname: string,
  value: string | null | undefined,
  attributes: Attributes = {},
): string {
  return value === null || value === undefined ? '' : element(qname, attributes, escapeXml(value));
}

/** Parses a business document; null when it is not well-formed. */
export function parseRoot(content: string): Element | null {
  try {
    let failed = false;
    const doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') failed = true;
      },
    }).parseFromString(content, 'text/xml');
    return failed ? null : doc.documentElement;
  } catch {
    return null;
  }
}

/** Child elements of `parent` with this local name (any namespace: answers are read leniently). */
export function children(parent: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === local) out.push(n as Element);
  }
  return out;
}

export function first(parent: Element, local: string): Element | null {
  return children(parent, local)[0] ?? null;
}

/** The first descendant with this local name, depth first. */
export function find(parent: Element, local: string): Element | null {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (e.localName === local) return e;
    const deeper = find(e, local);
    if (deeper) return deeper;
  }
  return null;
}

/** The trimmed text of the first child with this local name, or null. */
export function childText(parent: Element, local: string): string | null {
  const value = first(parent, local)?.textContent?.trim();
  return value ? value : null;
}

export function attribute(e: Element | null, name: string): string | null {
  const value = e?.getAttribute(name)?.trim();
  return value ? value : null;
}

/** `YYYY-MM-DD` → `ДД.ММ.ГГГГ`; anything else as is. */
export function ruDateOf(value: string | null): string | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/** Builds the fields list, leaving out absent values. */
export function fieldsOf(rows: Array<[string, string | null | undefined]>): AnswerView['fields'] {
  return rows
    .filter((row): row is [string, string] => typeof row[1] === 'string' && row[1] !== '')
    .map(([label, value]) => ({ label, value }));
}

export function unreadable(what: string): AnswerView {
  return { found: false, summary: `Ответ не распознан: ${what}`, fields: [] };
}
