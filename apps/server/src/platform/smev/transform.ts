/**
 * The SMEV 3 XML-signature transform `urn://smev-gov-ru/xmldsig/transform` (rules 1–8 of the SMEV 3
 * methodological recommendations), byte-for-byte as the operator's reference transform
 * (`SmevTransformSpi`: a StAX event reader feeding the JDK StAX writer) produces it.
 * See docs/protocols/smev-transform.md.
 *
 * A pure function: a string in, a string out. In a ds:Reference it runs after exc-c14n, and the digest
 * is taken over the UTF-8 bytes of the result.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

export const SMEV_TRANSFORM_ALGORITHM = 'urn://smev-gov-ru/xmldsig/transform';

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

interface Binding {
  readonly prefix: string;
  readonly uri: string;
}

/**
 * Rule 2: a text node of characters ≤ U+0020 only is dropped (Java `String.trim().isEmpty()`;
 * JS `trim()` would also strip NBSP and other Unicode spaces, which the reference keeps).
 */
function isJavaBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x20) return false;
  return true;
}

/** Text as the JDK StAX writer escapes it: `&`, `<`, `>`; everything else (CR, TAB…) verbatim. */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

/** Attribute values as the JDK StAX writer escapes them: `&`, `<`, `>`, `"`; TAB/LF/CR verbatim. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  );
}

/** Java `String.compareTo`: UTF-16 code-unit order (never `localeCompare`). */
function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rule 7: qualified attributes first, by namespace URI then local name; unqualified after, by local name. */
function compareAttributes(x: SaxesAttributeNS, y: SaxesAttributeNS): number {
  const xq = x.uri !== '';
  const yq = y.uri !== '';
  if (xq && yq) return compareUnits(x.uri, y.uri) || compareUnits(x.local, y.local);
  if (!xq && !yq) return compareUnits(x.local, y.local);
  return xq ? -1 : 1;
}

/**
 * Applies `urn://smev-gov-ru/xmldsig/transform` to an XML document (a single root element; the
 * output of exc-c14n in the signature pipeline). Throws on malformed XML and on an element in no
 * namespace (the reference does not support those: "No namespace элементы не поддерживаются").
 */
export function smevTransform(xml: string): string {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: string[] = [];
  // The output scope: the bindings declared on each open element of the output (rules 4–6).
  const scopes: Binding[][] = [];
  const openNames: string[] = [];
  let counter = 1;

  const findPrefix = (uri: string): string | undefined => {
    for (const scope of scopes) {
      for (const binding of scope) if (binding.uri === uri) return binding.prefix;
    }
    return undefined;
  };
  // Reuse a prefix bound in the output scope, otherwise declare ns<N> on the current element.
  const prefixFor = (uri: string, own: Binding[]): string => {
    const found = findPrefix(uri);
    if (found !== undefined) return found;
    const prefix = `ns${counter++}`;
    own.push({ prefix, uri });
    return prefix;
  };

  // Rule 2 (and the reference's per-event check): each text or CDATA run is judged on its own.
  const onText = (text: string): void => {
    if (openNames.length === 0 || isJavaBlank(text)) return;
    out.push(escapeText(text));
  };

  parser.on('opentag', (tag: SaxesTagNS) => {
    if (tag.uri === '') {
      throw new Error(
        `SMEV transform: element <${tag.name}> has no namespace; the SMEV transform supports namespaced elements only`,
      );
    }
    const own: Binding[] = [];
    scopes.push(own);
    const prefix = prefixFor(tag.uri, own);
    const name = `${prefix}:${tag.local}`;
    openNames.push(name);

    // `xmlns` declarations are not attributes (rule 4: every source declaration is discarded).
    const attributes = Object.values(tag.attributes)
      .filter((a) => a.uri !== XMLNS_NAMESPACE)
      .sort(compareAttributes);
    const written = attributes.map((a) =>
      a.uri === ''
        ? `${a.local}="${escapeAttribute(a.value)}"`
        : `${prefixFor(a.uri, own)}:${a.local}="${escapeAttribute(a.value)}"`,
    );
    // Rule 8: declarations in creation order (element's namespace first), then the sorted attributes.
    const declarations = own.map((b) => `xmlns:${b.prefix}="${escapeAttribute(b.uri)}"`);
    out.push(`<${[name, ...declarations, ...written].join(' ')}>`);
  });
  parser.on('closetag', () => {
    // Rule 3: always a start tag and an end tag, never `<a/>`.
    out.push(`</${openNames.pop() ?? ''}>`);
    scopes.pop();
  });
  parser.on('text', onText);
  parser.on('cdata', onText);
  // Rule 1: the XML declaration, processing instructions, comments and DOCTYPE produce nothing.
  parser.on('error', (error: Error) => {
    throw new Error(`SMEV transform: malformed XML: ${error.message}`);
  });

  parser.write(xml).close();
  return out.join('');
}
