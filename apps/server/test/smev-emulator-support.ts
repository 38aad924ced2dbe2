import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { SmevEmulator } from '../src/emulators/smev/emulator.js';
import { readSoap, serialize } from '../src/emulators/smev/soap.js';
import { createTestRootCa, issueCertificate } from '../src/platform/crypto/pki.js';
import { selectProvider, type GostProvider } from '../src/platform/crypto/provider.js';
import { smevMessageId } from '../src/platform/smev/message-id.js';
import { SOAP11_NS, smevNamespaces, type SmevVersion, type XmlSigner } from '../src/platform/smev/types.js';
import { signElement } from '../src/platform/smev/xmldsig.js';

/** Hand-built SMEV client messages for the emulator's tests: what H2's client sends, written out. */

export const MNEMONIC = 'USLUGI01';

export async function clientSigner(provider: GostProvider, name = 'Тестовая ИС'): Promise<XmlSigner> {
  const subject = { commonName: name, organization: 'Услуги, тесты', country: 'RU' };
  const ca = await createTestRootCa({ provider, subject: { ...subject, commonName: `${name}: УЦ` } });
  const keys = await provider.generateKeyPair();
  const issued = await issueCertificate({ provider, ca, subject, publicKeySpki: keys.publicKeySpki });
  return { provider, privateKey: keys.privateKey, certificate: issued.certificate };
}

export interface World {
  provider: GostProvider;
  emulator: SmevEmulator;
  signer: XmlSigner;
  now: { value: Date };
}

export async function world(): Promise<World> {
  const provider = selectProvider();
  const now = { value: new Date('2025-03-03T09:00:00.000Z') };
  const emulator = await SmevEmulator.create({ provider, clock: () => now.value });
  const signer = await clientSigner(provider);
  emulator.registerClient({ mnemonic: MNEMONIC, certificate: signer.certificate });
  return { provider, emulator, signer, now };
}

function wrap(version: SmevVersion, operation: string, inner: string): string {
  const ns = smevNamespaces(version);
  return (
    `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header/><soap:Body>` +
    `<tns:${operation} xmlns:tns="${ns.types}" xmlns:b="${ns.basic}">${inner}</tns:${operation}>` +
    `</soap:Body></soap:Envelope>`
  );
}

/** Signs the element with this Id into CallerInformationSystemSignature (appended to the operation). */
async function signed(
  xml: string,
  id: string,
  signer: XmlSigner | null,
  version: SmevVersion,
): Promise<string> {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  if (signer) {
    const holder = doc.createElementNS(smevNamespaces(version).types, 'tns:CallerInformationSystemSignature');
    holder.appendChild(await signElement(doc, id, signer));
    const body = doc.getElementsByTagNameNS(SOAP11_NS, 'Body').item(0)!;
    (body.firstChild as Element).appendChild(holder);
  }
  return serialize(doc);
}

export async function sendRequest(
  signer: XmlSigner | null,
  content: string,
  options: { messageId?: string; version?: SmevVersion; tamper?: (xml: string) => string } = {},
): Promise<{ messageId: string; xml: string }> {
  const version = options.version ?? '1.3';
  const messageId = options.messageId ?? smevMessageId(new Date());
  const xml = await signed(
    wrap(
      version,
      'SendRequestRequest',
      `<tns:SenderProvidedRequestData Id="SIGNED_BY_CONSUMER"><tns:MessageID>${messageId}</tns:MessageID>` +
        // The published 1.2 schema requires these two (1.3 made them optional).
        (version === '1.2'
          ? `<tns:ReferenceMessageID>${messageId}</tns:ReferenceMessageID><tns:TransactionCode>test</tns:TransactionCode>`
          : '') +
        `<b:MessagePrimaryContent>${content}</b:MessagePrimaryContent></tns:SenderProvidedRequestData>`,
    ),
    'SIGNED_BY_CONSUMER',
    signer,
    version,
  );
  return { messageId, xml: options.tamper ? options.tamper(xml) : xml };
}

export async function getResponse(
  signer: XmlSigner,
  now: Date,
  version: SmevVersion = '1.3',
): Promise<string> {
  return signed(
    wrap(
      version,
      'GetResponseRequest',
      `<b:MessageTypeSelector Id="SIGNED_BY_CALLER"><b:Timestamp>${now.toISOString()}</b:Timestamp></b:MessageTypeSelector>`,
    ),
    'SIGNED_BY_CALLER',
    signer,
    version,
  );
}

export async function ack(
  signer: XmlSigner,
  messageId: string,
  version: SmevVersion = '1.3',
): Promise<string> {
  return signed(
    wrap(
      version,
      'AckRequest',
      `<b:AckTargetMessage Id="SIGNED_BY_CALLER" accepted="true">${messageId}</b:AckTargetMessage>`,
    ),
    'SIGNED_BY_CALLER',
    signer,
    version,
  );
}

export const XML = 'text/xml; charset=utf-8';

export function bytes(xml: string): Uint8Array {
  return new Uint8Array(Buffer.from(xml, 'utf8'));
}

/** An answer of the emulator, read back (multipart or not). */
export function answerDoc(body: Uint8Array, contentType: string): { doc: Document; operation: Element } {
  const read = readSoap(body, contentType);
  return { doc: read.doc, operation: read.operation };
}

/** The fault element's local name, its SignatureVerificationFault reason (if any) and Description. */
export function faultOf(body: Uint8Array): {
  name: string | null;
  reason: string | null;
  description: string | null;
} {
  const doc = new DOMParser().parseFromString(Buffer.from(body).toString('utf8'), 'text/xml');
  const detail = doc.getElementsByTagName('detail').item(0);
  let element: Element | null = null;
  for (let n = detail?.firstChild ?? null; n; n = n.nextSibling) if (n.nodeType === 1) element = n as Element;
  const reason = element
    ? Array.from(element.childNodes).find(
        (n) => n.nodeType === 1 && (n as Element).localName === 'SignatureVerificationFault',
      )
    : undefined;
  return {
    name: element?.localName ?? null,
    reason: reason?.textContent ?? null,
    description: doc.getElementsByTagNameNS('*', 'Description').item(0)?.textContent ?? null,
  };
}
