import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { SOAP11_NS, smevNamespaces, type SmevVersion } from '../../platform/smev/types.js';
import { bareContentId, contentTypeParameter, parseMultipart } from './mtom.js';

const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
const XOP_NS = 'http://www.w3.org/2004/08/xop/include';
const VERSIONS: readonly SmevVersion[] = ['1.3', '1.2'];

/** An incoming SOAP request, read: the operation element and the version its namespace names. */
export interface SoapRequest {
  doc: Document;
  /** The Body's one element: SendRequestRequest, GetResponseRequest… */
  operation: Element;
  /** null: the operation is in no SMEV namespace. */
  version: SmevVersion | null;
}

export class NotSoap extends Error {}

function parseXml(text: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  }).parseFromString(text, 'text/xml');
  if (problems.length || !doc.documentElement) throw new NotSoap(problems[0] ?? 'пустой документ');
  return doc;
}

export function elementChildren(parent: Element): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** The child of `parent` with this namespace and local name. */
export function childNS(parent: Element, ns: string, local: string): Element | null {
  return elementChildren(parent).find((e) => e.namespaceURI === ns && e.localName === local) ?? null;
}

export function textOf(e: Element | null): string | null {
  const value = e?.textContent?.trim();
  return value ? value : null;
}

export function serialize(node: Element | Document): string {
  return new XMLSerializer().serializeToString(node);
}

/**
 * Replaces each `xop:Include href="cid:…"` by the base64 of its MIME part, so the message reads (and
 * validates) as if sent inline.
 */
function inlineXop(doc: Document, parts: Map<string, Buffer>): void {
  const includes = Array.from(doc.getElementsByTagNameNS(XOP_NS, 'Include'));
  for (const include of includes) {
    const href = include.getAttribute('href') ?? '';
    const id = decodeURIComponent(href.replace(/^cid:/, ''));
    const part = parts.get(id);
    if (!part) throw new NotSoap(`вложение ${id} не найдено в сообщении`);
    include.parentNode?.replaceChild(doc.createTextNode(part.toString('base64')), include);
  }
}

/** Reads an HTTP body as a SOAP 1.1 envelope (plain XML or MTOM multipart/related). */
export function readSoap(body: Uint8Array, contentType: string): SoapRequest {
  const buffer = Buffer.from(body);
  let doc: Document;
  if (/^multipart\/related/i.test(contentType)) {
    const boundary = contentTypeParameter(contentType, 'boundary');
    if (!boundary) throw new NotSoap('в заголовке Content-Type нет boundary');
    const parts = parseMultipart(buffer, boundary);
    const start = contentTypeParameter(contentType, 'start');
    const root =
      (start && parts.find((p) => bareContentId(p.headers['content-id'] ?? '') === bareContentId(start))) ||
      parts[0];
    if (!root) throw new NotSoap('в сообщении нет частей');
    doc = parseXml(root.body.toString('utf8'));
    const byId = new Map(parts.map((p) => [bareContentId(p.headers['content-id'] ?? ''), p.body]));
    inlineXop(doc, byId);
  } else {
    doc = parseXml(buffer.toString('utf8'));
  }
  const envelope = doc.documentElement;
  if (!envelope || envelope.localName !== 'Envelope') throw new NotSoap('ожидался soap:Envelope');
  if (envelope.namespaceURI === SOAP12_NS) throw new NotSoap('СМЭВ принимает только SOAP 1.1');
  if (envelope.namespaceURI !== SOAP11_NS) throw new NotSoap('ожидался soap:Envelope');
  const soapBody = childNS(envelope, SOAP11_NS, 'Body');
  const operation = soapBody ? elementChildren(soapBody)[0] : undefined;
  if (!operation) throw new NotSoap('в soap:Body нет операции');
  const version = VERSIONS.find((v) => operation.namespaceURI === smevNamespaces(v).types) ?? null;
  return { doc, operation, version };
}
