/**
 * Reads SMEV 3's answers. Leniently, on purpose: real answers deviate from the published schemas
 * (the 1.2 MessageMetadata lacks DestinationName and SupplementaryData that its XSD requires, Sender
 * comes without HumanReadableName, the body may arrive as MTOM multipart without any attachment), so
 * nothing here validates against the XSD. Elements are matched by local name within the SMEV
 * message-exchange namespaces of any version (1.1, 1.2, 1.3); the SOAP prefix does not matter.
 *
 * A `soap:Fault` in any answer becomes a {@link SmevError} (faults.ts).
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { GostProvider } from '../crypto/provider.js';
import { SmevError, readSoapFault } from './faults.js';
import { normalizeContentId, parseMultipartRelated, type MimePart } from './mime.js';
import type {
  MessageMetadata,
  ReceivedResponse,
  ResponseBody,
  SignatureCheck,
  SmevAttachment,
} from './types.js';
import { verifySignature } from './xmldsig.js';

const SMEV_NS = /^urn:\/\/x-artefacts-smev-gov-ru\/services\/message-exchange\/types(\/[a-z]+)?\/1\.\d+$/;
const SOAP_NS = new Set([
  'http://schemas.xmlsoap.org/soap/envelope/',
  'http://www.w3.org/2003/05/soap-envelope',
]);
const XOP_NS = 'http://www.w3.org/2004/08/xop/include';

/** The status SMEV reports for one of our messages (GetStatus: SmevAsyncProcessingMessage). */
export interface ReceivedStatus {
  originalMessageId: string | null;
  category: string;
  details: string | null;
  fault: { code: string | null; description: string | null } | null;
  smevSignature: SignatureCheck | null;
}

/** An answer opened: the document, the element under soap:Body (null when empty), the MIME parts. */
export interface SoapAnswer {
  doc: Document;
  payload: Element | null;
  parts: Map<string, MimePart>;
}

function invalid(detail: string): SmevError {
  return new SmevError(
    'smev_response_invalid',
    `СМЭВ вернул ответ, который не удалось разобрать: ${detail}`,
    {
      retriable: true,
      description: detail,
    },
  );
}

export function elementChildren(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as Element);
  }
  return out;
}

function isSmev(element: Element): boolean {
  return SMEV_NS.test(element.namespaceURI ?? '');
}

/** The first SMEV child element with this local name. */
function child(parent: Element | null | undefined, localName: string): Element | null {
  if (!parent) return null;
  return elementChildren(parent).find((c) => c.localName === localName && isSmev(c)) ?? null;
}

function text(parent: Element | null | undefined, localName: string): string | null {
  const found = child(parent, localName);
  return found ? (found.textContent ?? '').trim() : null;
}

/** The one element of a signature wrapper (SMEVSignature, SenderInformationSystemSignature). */
function signatureIn(wrapper: Element | null): Element | null {
  if (!wrapper) return null;
  return elementChildren(wrapper).find((c) => c.localName === 'Signature') ?? null;
}

export function parseXml(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
}

/**
 * The body (bytes and HTTP content type) to a document: multipart or not, the root part is the
 * envelope. A soap:Fault throws its SmevError; anything that is no SOAP envelope throws
 * `smev_response_invalid`.
 */
export function openSoapAnswer(body: Uint8Array, contentType: string): SoapAnswer {
  let root: Uint8Array;
  let parts: Map<string, MimePart>;
  try {
    ({ root, parts } = parseMultipartRelated(body, contentType));
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  let doc: Document;
  try {
    doc = parseXml(new TextDecoder('utf-8').decode(root));
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  const envelope = doc.documentElement;
  if (!envelope || envelope.localName !== 'Envelope' || !SOAP_NS.has(envelope.namespaceURI ?? '')) {
    throw invalid('нет SOAP-конверта');
  }
  const soapBody = elementChildren(envelope).find((c) => c.localName === 'Body');
  if (!soapBody) throw invalid('нет soap:Body');
  const payload = elementChildren(soapBody)[0] ?? null;
  if (payload && payload.localName === 'Fault' && SOAP_NS.has(payload.namespaceURI ?? '')) {
    throw readSoapFault(payload, null);
  }
  return { doc, payload, parts };
}

/** Is this a SOAP fault answer? (For HTTP errors: a fault comes with 500, anything else is transport.) */
export function soapFaultOf(body: Uint8Array, contentType: string): SmevError | null {
  try {
    openSoapAnswer(body, contentType);
    return null;
  } catch (error) {
    return error instanceof SmevError && error.code !== 'smev_response_invalid' ? error : null;
  }
}

function expect(answer: SoapAnswer, localName: string): Element {
  const { payload } = answer;
  if (!payload || payload.localName !== localName || !isSmev(payload)) {
    throw invalid(`ожидался ${localName}, получен ${payload?.localName ?? 'пустой soap:Body'}`);
  }
  return payload;
}

function party(element: Element | null): string | null {
  if (!element) return null;
  return text(element, 'Mnemonic') ?? text(element, 'HumanReadableName');
}

export function readMetadata(element: Element | null): MessageMetadata {
  return {
    messageId: text(element, 'MessageId'),
    messageType: text(element, 'MessageType') ?? '',
    sender: party(child(element, 'Sender')),
    recipient: party(child(element, 'Recipient')),
    sendingTimestamp: text(element, 'SendingTimestamp'),
    deliveryTimestamp: text(element, 'DeliveryTimestamp'),
    status: text(element, 'Status'),
  };
}

/** SendRequestResponse → MessageMetadata (SMEV's receipt: the message is queued). */
export function readSendRequestResponse(body: Uint8Array, contentType: string): MessageMetadata {
  const payload = expect(openSoapAnswer(body, contentType), 'SendRequestResponse');
  const metadata = child(payload, 'MessageMetadata');
  if (!metadata) throw invalid('нет MessageMetadata');
  return readMetadata(metadata);
}

/** AckResponse: nothing to read, only that it is no fault. */
export function readAckResponse(body: Uint8Array, contentType: string): void {
  expect(openSoapAnswer(body, contentType), 'AckResponse');
}

/**
 * Checks a signature and that it signs `target` (by its Id): a valid signature over another element
 * of the message is no signature of this one.
 */
async function check(
  doc: Document,
  signature: Element | null,
  target: Element | null,
  provider: GostProvider,
): Promise<SignatureCheck | null> {
  if (!signature) return null;
  const result = await verifySignature(doc, signature, provider);
  const { referencedId, ...outcome } = result;
  const targetId = target?.getAttribute('Id') ?? null;
  if (outcome.valid && targetId === null) {
    return {
      valid: false,
      reason: 'У подписанного элемента нет атрибута Id',
      certificate: outcome.certificate,
    };
  }
  if (outcome.valid && referencedId !== targetId) {
    return {
      valid: false,
      reason: 'Подпись относится к другому элементу сообщения',
      certificate: outcome.certificate,
    };
  }
  return outcome;
}

function fault(element: Element | null): { code: string | null; description: string | null } | null {
  if (!element) return null;
  return { code: text(element, 'Code'), description: text(element, 'Description') };
}

function attachments(
  headerList: Element | null,
  contentList: Element | null,
  parts: Map<string, MimePart>,
): SmevAttachment[] {
  const mimeTypes = new Map<string, string>();
  for (const header of (headerList ? elementChildren(headerList) : []).filter(
    (c) => c.localName === 'AttachmentHeader',
  )) {
    const id = text(header, 'contentId');
    if (id) mimeTypes.set(id, text(header, 'MimeType') ?? 'application/octet-stream');
  }
  const out: SmevAttachment[] = [];
  for (const item of contentList ? elementChildren(contentList) : []) {
    if (item.localName !== 'AttachmentContent') continue;
    const id = text(item, 'Id');
    const content = child(item, 'Content');
    if (!id || !content) continue;
    const include = elementChildren(content).find(
      (c) => c.localName === 'Include' && c.namespaceURI === XOP_NS,
    );
    let bytes: Uint8Array;
    let partType: string | undefined;
    if (include) {
      const cid = normalizeContentId(include.getAttribute('href') ?? '');
      const part = parts.get(cid);
      if (!part) throw invalid(`вложение ${id}: нет части MIME с Content-ID ${cid}`);
      bytes = part.content;
      partType = part.contentType;
    } else {
      // Inline base64 (a client without MTOM).
      bytes = new Uint8Array(Buffer.from((content.textContent ?? '').replace(/\s+/g, ''), 'base64'));
    }
    out.push({
      contentId: id,
      mimeType: mimeTypes.get(id) ?? partType ?? 'application/octet-stream',
      content: bytes,
    });
  }
  return out;
}

function readBody(data: Element, contentList: Element | null, parts: Map<string, MimePart>): ResponseBody {
  const primary = child(data, 'MessagePrimaryContent');
  if (primary) {
    const root = elementChildren(primary)[0];
    if (!root) throw invalid('MessagePrimaryContent пуст');
    return {
      kind: 'content',
      content: new XMLSerializer().serializeToString(root),
      attachments: attachments(child(data, 'AttachmentHeaderList'), contentList, parts),
    };
  }
  const rejected = elementChildren(data).filter((c) => c.localName === 'RequestRejected' && isSmev(c));
  if (rejected.length > 0) {
    return {
      kind: 'rejected',
      rejections: rejected.map((r) => ({
        code: text(r, 'RejectionReasonCode') ?? '',
        description: text(r, 'RejectionReasonDescription') ?? '',
      })),
    };
  }
  const status = child(data, 'RequestStatus');
  if (status) {
    return {
      kind: 'status',
      code: Number(text(status, 'StatusCode') ?? 'NaN'),
      description: text(status, 'StatusDescription') ?? '',
      parameters: elementChildren(status)
        .filter((c) => c.localName === 'StatusParameter')
        .map((p) => ({ key: text(p, 'Key') ?? '', value: text(p, 'Value') ?? '' })),
    };
  }
  const async = child(data, 'AsyncProcessingStatus');
  if (async) {
    return {
      kind: 'async',
      originalMessageId: text(async, 'OriginalMessageId'),
      category: text(async, 'StatusCategory') ?? '',
      details: text(async, 'StatusDetails'),
      fault: fault(child(async, 'SmevFault')),
    };
  }
  throw invalid('SenderProvidedResponseData без содержимого');
}

/**
 * GetResponseResponse → the response taken from our queue, or null when the queue is empty (no
 * ResponseMessage). Both signatures are checked and reported, not enforced: what to do with an
 * invalid one (Ack accepted=false) is the caller's decision.
 */
export async function readGetResponseResponse(
  body: Uint8Array,
  contentType: string,
  provider: GostProvider,
): Promise<ReceivedResponse | null> {
  const answer = openSoapAnswer(body, contentType);
  const payload = expect(answer, 'GetResponseResponse');
  const message = child(payload, 'ResponseMessage');
  if (!message) return null;
  const response = child(message, 'Response');
  if (!response) throw invalid('нет Response');
  const data = child(response, 'SenderProvidedResponseData');
  if (!data) throw invalid('нет SenderProvidedResponseData');
  const metadata = readMetadata(child(response, 'MessageMetadata'));
  const responseBody = readBody(data, child(message, 'AttachmentContentList'), answer.parts);
  const messageId = text(data, 'MessageID') ?? metadata.messageId;
  if (!messageId) throw invalid('нет MessageID ответа');
  return {
    messageId,
    originalMessageId:
      text(response, 'OriginalMessageId') ??
      (responseBody.kind === 'async' ? responseBody.originalMessageId : null),
    referenceMessageId: text(response, 'ReferenceMessageID'),
    body: responseBody,
    metadata,
    providerSignature: await check(
      answer.doc,
      signatureIn(child(response, 'SenderInformationSystemSignature')),
      data,
      provider,
    ),
    smevSignature: await check(answer.doc, signatureIn(child(message, 'SMEVSignature')), response, provider),
  };
}

/** GetStatusResponse → the status of one of our messages, or null when there is none to report. */
export async function readGetStatusResponse(
  body: Uint8Array,
  contentType: string,
  provider: GostProvider,
): Promise<ReceivedStatus | null> {
  const answer = openSoapAnswer(body, contentType);
  const payload = expect(answer, 'GetStatusResponse');
  const message = child(payload, 'SmevAsyncProcessingMessage');
  if (!message) return null;
  const data = child(message, 'AsyncProcessingStatusData');
  const status = child(data, 'AsyncProcessingStatus');
  if (!status) throw invalid('нет AsyncProcessingStatus');
  return {
    originalMessageId: text(status, 'OriginalMessageId'),
    category: text(status, 'StatusCategory') ?? '',
    details: text(status, 'StatusDetails'),
    fault: fault(child(status, 'SmevFault')),
    smevSignature: await check(answer.doc, signatureIn(child(message, 'SMEVSignature')), data, provider),
  };
}
