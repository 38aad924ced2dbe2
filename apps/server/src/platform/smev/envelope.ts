/**
 * Builds our SMEV 3 requests: SOAP 1.1 document/literal envelopes (the WSDL's
 * SMEVMessageExchangeSoap11Binding) with an empty `soap:Header` (the faults schema names a missing
 * Header PoorSOAPEnvelopeFormat) and one operation element in the Body, signed by the information
 * system's ЭП-ОВ in CallerInformationSystemSignature over the element the schema names
 * (SenderProvidedRequestData / MessageTypeSelector / AckTargetMessage / Timestamp).
 *
 * Strict on purpose: every envelope is validated against the published schema of its version before
 * it leaves, so a malformed request fails here, with the schema's own errors, and not as an
 * InvalidContent fault from SMEV.
 */
import { DOMImplementation, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { SmevError } from './faults.js';
import type { OutgoingMimePart } from './mime.js';
import { parseXml } from './read.js';
import { validateSmevElement } from './schemas.js';
import {
  SOAP11_NS,
  smevNamespaces,
  type OutgoingRequest,
  type SmevVersion,
  type XmlSigner,
} from './types.js';
import { signElement } from './xmldsig.js';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XOP_NS = 'http://www.w3.org/2004/08/xop/include';

/** The conventional Ids of the operator's client (MessageExchangeEndpoint): any xs:ID would do. */
export const SIGNED_BY_CONSUMER = 'SIGNED_BY_CONSUMER';
export const SIGNED_BY_CALLER = 'SIGNED_BY_CALLER';

/** A built request: the envelope, and the binary parts when it must go out as MTOM. */
export interface BuiltEnvelope {
  xml: string;
  parts?: OutgoingMimePart[];
}

/** GetResponse's MessageTypeSelector: empty = any response type; the pair names a business root. */
export interface MessageSelector {
  namespaceUri?: string;
  rootElementLocalName?: string;
  nodeId?: string;
}

const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

/**
 * xs:dateTime with an explicit offset, in Moscow time (UTC+3 all year since 2014), e.g.
 * `2026-12-03T12:00:00.000+03:00`: SMEV compares it with its own clock, and an offset-less value
 * would be read in the server's zone.
 */
export function smevDateTime(at: Date): string {
  return `${new Date(at.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 23)}+03:00`;
}

class EnvelopeBuilder {
  readonly doc: Document;
  readonly body: Element;
  readonly types: string;
  readonly basic: string;

  constructor(readonly version: SmevVersion) {
    const ns = smevNamespaces(version);
    this.types = ns.types;
    this.basic = ns.basic;
    this.doc = new DOMImplementation().createDocument(SOAP11_NS, 'soap:Envelope', null);
    const envelope = this.doc.documentElement!;
    envelope.appendChild(this.doc.createElementNS(SOAP11_NS, 'soap:Header'));
    this.body = this.doc.createElementNS(SOAP11_NS, 'soap:Body');
    envelope.appendChild(this.body);
  }

  /** The operation element, declaring both SMEV prefixes once. */
  operation(name: string): Element {
    const element = this.doc.createElementNS(this.types, `ns2:${name}`);
    element.setAttributeNS(XMLNS_NS, 'xmlns:ns2', this.types);
    element.setAttributeNS(XMLNS_NS, 'xmlns:ns3', this.basic);
    this.body.appendChild(element);
    return element;
  }

  type(parent: Element, name: string, value?: string): Element {
    return this.add(parent, this.types, `ns2:${name}`, value);
  }

  basicEl(parent: Element, name: string, value?: string): Element {
    return this.add(parent, this.basic, `ns3:${name}`, value);
  }

  private add(parent: Element, ns: string, qname: string, value?: string): Element {
    const element = this.doc.createElementNS(ns, qname);
    if (value !== undefined) element.appendChild(this.doc.createTextNode(value));
    parent.appendChild(element);
    return element;
  }

  /** ЭП-ОВ over the element with `id`, appended as the operation's CallerInformationSystemSignature. */
  async sign(operation: Element, id: string, signer: XmlSigner | null): Promise<void> {
    if (!signer) return;
    const signature = await signElement(this.doc, id, signer);
    this.type(operation, 'CallerInformationSystemSignature').appendChild(signature);
  }

  /** Validates the Body's operation element against the version's schema; throws when it fails. */
  async validate(operation: Element): Promise<void> {
    const result = await validateSmevElement(this.version, new XMLSerializer().serializeToString(operation));
    if (!result.valid) {
      throw new SmevError(
        'smev_envelope_invalid',
        `Сформированное сообщение СМЭВ не соответствует схеме ${this.version}: ${result.errors.join('; ')}`,
        { retriable: false, validationErrors: result.errors },
      );
    }
  }

  serialize(): string {
    return new XMLSerializer().serializeToString(this.doc);
  }
}

/**
 * The business document, parsed: one well-formed element in its own namespace (the request type is
 * the qualified name of this root, and the SMEV transform supports no unqualified elements).
 */
function businessRoot(content: string): Element {
  let doc: Document;
  try {
    doc = parseXml(content);
  } catch (error) {
    throw new SmevError(
      'smev_content_invalid',
      `Бизнес-данные запроса не являются корректным XML: ${error instanceof Error ? error.message : String(error)}`,
      { retriable: false },
    );
  }
  const root = doc.documentElement;
  if (!root) {
    throw new SmevError('smev_content_invalid', 'Бизнес-данные запроса пусты', { retriable: false });
  }
  if (!root.namespaceURI) {
    throw new SmevError(
      'smev_content_invalid',
      `Корневой элемент бизнес-данных <${root.nodeName}> должен иметь пространство имён вида сведений`,
      { retriable: false },
    );
  }
  return root;
}

/**
 * SendRequest: SenderProvidedRequestData (Id SIGNED_BY_CONSUMER) with the business content, the
 * attachments' headers (signed) and their content in AttachmentContentList (outside the signature, so
 * MTOM can carry it), then the signature. With attachments the envelope's Content elements hold
 * `xop:Include href="cid:<contentId>"` and `parts` the files.
 *
 * Schema 1.2 requires ReferenceMessageID: for a chain's first message it is the MessageID itself
 * (the schema's annotation), which is what we send when none is given.
 */
export async function buildSendRequest(
  version: SmevVersion,
  request: OutgoingRequest,
  signer: XmlSigner | null,
): Promise<BuiltEnvelope> {
  const b = new EnvelopeBuilder(version);
  const root = businessRoot(request.content);
  const operation = b.operation('SendRequestRequest');
  const data = b.type(operation, 'SenderProvidedRequestData');
  data.setAttribute('Id', SIGNED_BY_CONSUMER);
  b.type(data, 'MessageID', request.messageId);
  const reference = request.referenceMessageId ?? (version === '1.2' ? request.messageId : undefined);
  if (reference !== undefined) b.type(data, 'ReferenceMessageID', reference);
  if (request.transactionCode !== undefined) b.type(data, 'TransactionCode', request.transactionCode);
  if (request.nodeId !== undefined) b.type(data, 'NodeID', request.nodeId);
  b.basicEl(data, 'MessagePrimaryContent').appendChild(b.doc.importNode(root, true));

  const attachments = request.attachments ?? [];
  const contents: Element[] = [];
  if (attachments.length > 0) {
    const headers = b.basicEl(data, 'AttachmentHeaderList');
    for (const attachment of attachments) {
      const header = b.basicEl(headers, 'AttachmentHeader');
      b.basicEl(header, 'contentId', attachment.contentId);
      b.basicEl(header, 'MimeType', attachment.mimeType);
    }
  }
  if (request.test) b.type(data, 'TestMessage');
  if (attachments.length > 0) {
    const list = b.basicEl(operation, 'AttachmentContentList');
    for (const attachment of attachments) {
      const item = b.basicEl(list, 'AttachmentContent');
      b.basicEl(item, 'Id', attachment.contentId);
      // base64 while the schema checks it; swapped for xop:Include below.
      contents.push(b.basicEl(item, 'Content', Buffer.from(attachment.content).toString('base64')));
    }
  }
  await b.sign(operation, SIGNED_BY_CONSUMER, signer);
  await b.validate(operation);
  if (attachments.length === 0) return { xml: b.serialize() };

  attachments.forEach((attachment, index) => {
    const content = contents[index]!;
    while (content.firstChild) content.removeChild(content.firstChild);
    const include = b.doc.createElementNS(XOP_NS, 'xop:Include');
    include.setAttribute('href', `cid:${encodeURIComponent(attachment.contentId)}`);
    content.appendChild(include);
  });
  return {
    xml: b.serialize(),
    parts: attachments.map((a) => ({ contentId: a.contentId, contentType: a.mimeType, content: a.content })),
  };
}

/** GetResponse: MessageTypeSelector (Id SIGNED_BY_CALLER) — which response type, which node — and now. */
export async function buildGetResponse(
  version: SmevVersion,
  selector: MessageSelector | null,
  timestamp: Date,
  signer: XmlSigner | null,
): Promise<BuiltEnvelope> {
  const b = new EnvelopeBuilder(version);
  const operation = b.operation('GetResponseRequest');
  const element = b.basicEl(operation, 'MessageTypeSelector');
  element.setAttribute('Id', SIGNED_BY_CALLER);
  if (selector?.namespaceUri !== undefined || selector?.rootElementLocalName !== undefined) {
    // The schema takes the pair or nothing: a half selector fails validation below.
    if (selector.namespaceUri !== undefined) b.basicEl(element, 'NamespaceURI', selector.namespaceUri);
    if (selector.rootElementLocalName !== undefined) {
      b.basicEl(element, 'RootElementLocalName', selector.rootElementLocalName);
    }
  }
  b.basicEl(element, 'Timestamp', smevDateTime(timestamp));
  if (selector?.nodeId !== undefined) b.basicEl(element, 'NodeID', selector.nodeId);
  await b.sign(operation, SIGNED_BY_CALLER, signer);
  await b.validate(operation);
  return { xml: b.serialize() };
}

/**
 * Ack: AckTargetMessage (Id SIGNED_BY_CALLER) = the received message's MessageID; accepted=false
 * says SMEV's signature failed our check and the message was ignored.
 */
export async function buildAck(
  version: SmevVersion,
  messageId: string,
  accepted: boolean,
  signer: XmlSigner | null,
): Promise<BuiltEnvelope> {
  const b = new EnvelopeBuilder(version);
  const operation = b.operation('AckRequest');
  const target = b.basicEl(operation, 'AckTargetMessage', messageId);
  target.setAttribute('Id', SIGNED_BY_CALLER);
  target.setAttribute('accepted', accepted ? 'true' : 'false');
  await b.sign(operation, SIGNED_BY_CALLER, signer);
  await b.validate(operation);
  return { xml: b.serialize() };
}

/** GetStatus: basic:Timestamp (Id SIGNED_BY_CALLER); the schema requires the signature here. */
export async function buildGetStatus(
  version: SmevVersion,
  timestamp: Date,
  signer: XmlSigner | null,
): Promise<BuiltEnvelope> {
  const b = new EnvelopeBuilder(version);
  const operation = b.operation('GetStatusRequest');
  const element = b.basicEl(operation, 'Timestamp', smevDateTime(timestamp));
  element.setAttribute('Id', SIGNED_BY_CALLER);
  await b.sign(operation, SIGNED_BY_CALLER, signer);
  await b.validate(operation);
  return { xml: b.serialize() };
}
