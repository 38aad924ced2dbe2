import { randomUUID } from 'node:crypto';

/**
 * MTOM/XOP over multipart/related (W3C XOP 1.0, SOAP MTOM): the SOAP envelope as the root part
 * `application/xop+xml; type="text/xml"`, each attachment a binary part named by Content-ID. SMEV (on
 * Apache CXF) answers every GetResponse so, attachments or not (research notes §1.2).
 */

export interface MimePart {
  headers: Record<string, string>;
  body: Buffer;
}

/** A parameter of a Content-Type header (`boundary`, `start`, `type`), quotes removed. */
export function contentTypeParameter(contentType: string, name: string): string | null {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i');
  const m = re.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** The parts of a multipart body; binary-safe (the parts are sliced out of the buffer). */
export function parseMultipart(body: Buffer, boundary: string): MimePart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MimePart[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break; // the closing delimiter
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // The CRLF before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    let end = next;
    if (body.subarray(end - 2, end).toString() === '\r\n') end -= 2;
    const part = body.subarray(start, end);
    const split = part.indexOf('\r\n\r\n');
    const headerText = split === -1 ? '' : part.subarray(0, split).toString('utf8');
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: split === -1 ? part : part.subarray(split + 4) });
    at = next;
  }
  return parts;
}

/** `<abc@x>` or `abc@x` → `abc@x`. */
export function bareContentId(value: string): string {
  return value.trim().replace(/^<|>$/g, '');
}

export const ROOT_CONTENT_ID = 'root.message@cxf.apache.org';

/**
 * A multipart/related XOP message: the envelope (with `xop:Include` where binary content goes) and
 * the binary parts. Returns the body and its Content-Type.
 */
export function buildMultipart(
  envelope: string,
  attachments: { contentId: string; mimeType: string; content: Uint8Array }[],
): { body: Uint8Array; contentType: string } {
  const boundary = `uuid:${randomUUID()}`;
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\n` +
        `Content-Transfer-Encoding: binary\r\nContent-ID: <${ROOT_CONTENT_ID}>\r\n\r\n`,
    ),
    Buffer.from(envelope, 'utf8'),
  ];
  for (const a of attachments) {
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${a.mimeType}\r\nContent-Transfer-Encoding: binary\r\n` +
          `Content-ID: <${a.contentId}>\r\n\r\n`,
      ),
      Buffer.from(a.content),
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    body: new Uint8Array(Buffer.concat(chunks)),
    contentType:
      `multipart/related; type="application/xop+xml"; boundary="${boundary}"; ` +
      `start="<${ROOT_CONTENT_ID}>"; start-info="text/xml"`,
  };
}
