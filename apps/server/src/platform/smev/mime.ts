/**
 * MIME multipart/related for SOAP with MTOM/XOP (W3C XOP 1.0, SOAP MTOM; RFC 2387 multipart/related,
 * RFC 2392 cid: URLs). SMEV sends its answers this way even without attachments (Apache CXF: the root
 * part `application/xop+xml; type="text/xml"`, `Content-ID: <root.message@cxf.apache.org>`), and we send
 * a request with files this way: the SOAP envelope is the root part, each file a binary part that an
 * `xop:Include href="cid:…"` points at.
 *
 * Everything works on bytes: a part's content is never decoded as text, so binary files survive.
 */
import { randomUUID } from 'node:crypto';

export interface MimePart {
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingMimePart extends MimePart {
  /** The Content-ID without angle brackets; `xop:Include href="cid:<contentId>"` refers to it. */
  contentId: string;
}

export interface ParsedMultipart {
  /** The root part's bytes (the SOAP envelope). */
  root: Uint8Array;
  rootContentType: string;
  /** The other parts by Content-ID, without angle brackets. */
  parts: Map<string, MimePart>;
}

/** A media type and its parameters (names lower-cased, quotes removed); RFC 2045 §5.1. */
export function parseContentType(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  const rest = semicolon < 0 ? '' : value.slice(semicolon + 1);
  const parameter = /\s*([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*;?/g;
  for (let match = parameter.exec(rest); match; match = parameter.exec(rest)) {
    const name = (match[1] ?? '').toLowerCase();
    const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
    params.set(name, raw);
  }
  return { type, params };
}

export function isMultipart(contentType: string): boolean {
  return parseContentType(contentType).type.startsWith('multipart/');
}

/** `<abc@x>` → `abc@x`; a `cid:` URL → its Content-ID (RFC 2392: URL-encoded). */
export function normalizeContentId(value: string): string {
  let id = value.trim();
  if (/^cid:/i.test(id)) {
    id = id.slice(4);
    try {
      id = decodeURIComponent(id);
    } catch {
      // A malformed escape: keep the text as it is.
    }
  }
  if (id.startsWith('<') && id.endsWith('>')) id = id.slice(1, -1);
  return id.trim();
}

const CRLF = Buffer.from('\r\n');

function indexOfHeaderEnd(buffer: Buffer, from: number): { at: number; length: number } | null {
  const crlf = buffer.indexOf('\r\n\r\n', from, 'latin1');
  const lf = buffer.indexOf('\n\n', from, 'latin1');
  if (crlf < 0 && lf < 0) return null;
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { at: crlf, length: 4 };
  return { at: lf, length: 2 };
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Folded header lines (RFC 5322 §2.2.3) continue with whitespace.
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeTransfer(content: Buffer, encoding: string | undefined): Uint8Array {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(content.toString('latin1'), 'base64');
  return new Uint8Array(content);
}

/**
 * Splits a multipart/related body. The boundary comes from the content type; every part's headers
 * are read (Content-ID with or without angle brackets, Content-Type, a base64 Content-Transfer-Encoding);
 * the root is the part the `start` parameter names, otherwise the first one. A body whose content type
 * is not multipart is the root itself (SMEV answers either way).
 */
export function parseMultipartRelated(body: Uint8Array, contentType: string): ParsedMultipart {
  const { type, params } = parseContentType(contentType);
  if (!type.startsWith('multipart/')) {
    return { root: body, rootContentType: contentType, parts: new Map() };
  }
  const boundary = params.get('boundary');
  if (!boundary) throw new Error('multipart body without a boundary parameter');
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');

  // Delimiter lines: `--boundary` at the start of the body or of a line.
  const starts: number[] = [];
  for (let at = buffer.indexOf(delimiter); at >= 0; at = buffer.indexOf(delimiter, at + delimiter.length)) {
    if (at === 0 || buffer[at - 1] === 0x0a) starts.push(at);
  }
  const all: { headers: Map<string, string>; content: Uint8Array }[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const afterDelimiter = start + delimiter.length;
    // The close delimiter `--boundary--` ends the body.
    if (buffer[afterDelimiter] === 0x2d && buffer[afterDelimiter + 1] === 0x2d) break;
    // A body cut short without its close delimiter: the last part runs to the end.
    const next = starts[i + 1] ?? buffer.length;
    const lineEnd = buffer.indexOf('\n', afterDelimiter, 'latin1');
    if (lineEnd < 0 || lineEnd >= next) continue;
    const headerEnd = indexOfHeaderEnd(buffer, lineEnd - 1);
    let headers = new Map<string, string>();
    let contentStart = lineEnd + 1;
    if (headerEnd && headerEnd.at < next) {
      headers = parseHeaders(buffer.subarray(lineEnd + 1, headerEnd.at).toString('utf8'));
      contentStart = headerEnd.at + headerEnd.length;
    }
    // The line break before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    let contentEnd = next;
    if (contentEnd > contentStart && buffer[contentEnd - 1] === 0x0a) contentEnd--;
    if (contentEnd > contentStart && buffer[contentEnd - 1] === 0x0d) contentEnd--;
    if (contentEnd < contentStart) contentEnd = contentStart;
    all.push({
      headers,
      content: decodeTransfer(
        buffer.subarray(contentStart, contentEnd),
        headers.get('content-transfer-encoding'),
      ),
    });
  }
  if (all.length === 0) throw new Error('multipart body without parts');

  const start = params.get('start');
  const startId = start ? normalizeContentId(start) : null;
  const rootIndex = Math.max(
    0,
    startId === null
      ? 0
      : all.findIndex((p) => normalizeContentId(p.headers.get('content-id') ?? '') === startId),
  );
  const parts = new Map<string, MimePart>();
  all.forEach((part, index) => {
    if (index === rootIndex) return;
    const id = part.headers.get('content-id');
    if (id === undefined) return;
    parts.set(normalizeContentId(id), {
      contentType: part.headers.get('content-type') ?? 'application/octet-stream',
      content: part.content,
    });
  });
  const root = all[rootIndex]!;
  return { root: root.content, rootContentType: root.headers.get('content-type') ?? 'text/xml', parts };
}

const ROOT_ID = 'root.message@uslugi';

/**
 * An MTOM message: the SOAP envelope as the root part (`application/xop+xml; type="text/xml"`), the
 * files as binary parts. Returns the body and the HTTP Content-Type to post it with.
 */
export function buildMultipartRelated(
  rootXml: string,
  parts: readonly OutgoingMimePart[],
): { body: Uint8Array; contentType: string } {
  const boundary = `uuid:${randomUUID()}`;
  const chunks: Buffer[] = [];
  const head = (lines: string[]): void => {
    chunks.push(Buffer.from(`--${boundary}\r\n${lines.join('\r\n')}\r\n\r\n`, 'utf8'));
  };
  head([
    'Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"',
    'Content-Transfer-Encoding: 8bit',
    `Content-ID: <${ROOT_ID}>`,
  ]);
  chunks.push(Buffer.from(rootXml, 'utf8'), CRLF);
  for (const part of parts) {
    head([
      `Content-Type: ${part.contentType}`,
      'Content-Transfer-Encoding: binary',
      `Content-ID: <${part.contentId}>`,
    ]);
    chunks.push(Buffer.from(part.content), CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return {
    body: new Uint8Array(Buffer.concat(chunks)),
    contentType:
      `multipart/related; type="application/xop+xml"; boundary="${boundary}"; ` +
      `start="<${ROOT_ID}>"; start-info="text/xml"`,
  };
}
