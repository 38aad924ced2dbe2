/**
 * XMLDSig as SMEV 3 uses it (ЭП-ОВ, and the same form for ЭП-СП and SMEV's own signatures): a detached
 * signature over one element named by its Id, GOST R 34.10-2012 over GOST R 34.11-2012 (Streebog).
 * See docs/protocols/smev-signature.md.
 *
 * The profile (XML Signature Syntax and Processing, W3C 2008; the CryptoPro URIs of the algorithms as
 * the SMEV 3 methodological recommendations use them):
 * - SignedInfo is canonicalised with exclusive XML canonicalisation (W3C exc-c14n, without comments);
 * - one Reference URI="#Id" with the transforms exc-c14n, then `urn://smev-gov-ru/xmldsig/transform`;
 *   DigestValue = base64 Streebog over the UTF-8 of the result;
 * - SignatureValue = base64 of the GOST signature over exc-c14n(SignedInfo), s||r big-endian, which is
 *   what GostProvider.sign returns;
 * - KeyInfo/X509Data/X509Certificate = the signer's certificate, base64 DER.
 */
import type { Document, Element, Node } from '@xmldom/xmldom';
import { Certificate } from 'pkijs';
import { ExclusiveCanonicalization } from 'xml-crypto';
import {
  algorithmOfCertificate,
  type GostAlgorithm,
  type GostSignatureAlgorithm,
} from '../crypto/algorithms.js';
import type { GostProvider } from '../crypto/provider.js';
import { SMEV_TRANSFORM_ALGORITHM, smevTransform } from './transform.js';
import { XMLDSIG_NS, type SignatureCheck, type XmlSigner } from './types.js';

export const EXC_C14N_ALGORITHM = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const EXC_C14N_WITH_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
export const ENVELOPED_SIGNATURE_ALGORITHM = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The CryptoPro URIs (urn:ietf:params:xml:ns:cpxmlsec) of GOST R 34.10-2012 / 34.11-2012. */
export const GOST_XMLDSIG_ALGORITHMS: Record<GostSignatureAlgorithm, { signature: string; digest: string }> =
  {
    gost2012_256: {
      signature: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
      digest: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256',
    },
    gost2012_512: {
      signature: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-512',
      digest: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-512',
    },
  };

/**
 * GOST R 34.10-2001 / 34.11-94, in the URIs met in SMEV's own older signatures (RFC 4051 style and
 * CryptoPro's). Their certificates could not be issued after 2018; named so that the reason says what
 * it is instead of «unknown».
 */
const LEGACY_SIGNATURE_METHODS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#gostr34102001-gostr3411',
  'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102001-gostr3411',
]);
const LEGACY_DIGEST_METHODS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#gostr3411',
  'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr3411',
]);

/** The attributes an XMLDSig `#id` reference may name (SMEV uses `Id`). */
const ID_ATTRIBUTES = ['Id', 'ID', 'id'];

type CanonicalizerInput = Parameters<ExclusiveCanonicalization['process']>[0];
type AncestorNamespaces = NonNullable<
  Parameters<ExclusiveCanonicalization['process']>[1]['ancestorNamespaces']
>;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** base64Binary as XML Schema allows it (whitespace anywhere); null for anything else. */
function fromBase64(text: string): Uint8Array | null {
  const compact = text.replace(/[\s]+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return null;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function isElement(node: Node | null): node is Element {
  return node !== null && node.nodeType === 1;
}

function childElements(parent: Element): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (isElement(child)) out.push(child);
  }
  return out;
}

function dsChildren(parent: Element, localName: string): Element[] {
  return childElements(parent).filter((e) => e.namespaceURI === XMLDSIG_NS && e.localName === localName);
}

function dsChild(parent: Element | undefined, localName: string): Element | undefined {
  return parent ? dsChildren(parent, localName)[0] : undefined;
}

/** Every element of `doc` whose Id (ID, id) is `id`: more than one is a signature-wrapping risk. */
function elementsById(doc: Document, id: string): Element[] {
  const found: Element[] = [];
  const stack: Element[] = doc.documentElement ? [doc.documentElement] : [];
  while (stack.length > 0) {
    const element = stack.pop();
    if (!element) break;
    if (ID_ATTRIBUTES.some((name) => element.getAttributeNode(name)?.value === id)) found.push(element);
    stack.push(...childElements(element));
  }
  return found;
}

/**
 * Removes what xml-crypto's canonicaliser mishandles: it would print a processing instruction's
 * data as text and throws on an empty text node. Exc-c14n keeps PIs, but no SMEV signature covers
 * one: the SMEV transform drops them, and SignedInfo has none.
 */
function dropUnprintable(node: Node): void {
  for (let child = node.firstChild; child;) {
    const next = child.nextSibling;
    const emptyText = (child.nodeType === 3 || child.nodeType === 4) && child.nodeValue === '';
    if (child.nodeType === 7 || emptyText) node.removeChild(child);
    else if (isElement(child)) dropUnprintable(child);
    child = next;
  }
}

/**
 * The namespace declarations in scope at `element` from its ancestors (nearest wins): what exc-c14n
 * needs to render the prefixes an InclusiveNamespaces PrefixList names (W3C exc-c14n §3).
 */
function ancestorNamespaces(element: Element): AncestorNamespaces {
  const seen = new Map<string, string>();
  for (let node = element.parentNode; isElement(node); node = node.parentNode) {
    for (let i = 0; i < node.attributes.length; i++) {
      const attribute = node.attributes.item(i);
      if (attribute?.namespaceURI !== XMLNS_NS || attribute.prefix !== 'xmlns') continue;
      const prefix = attribute.localName ?? '';
      if (!seen.has(prefix)) seen.set(prefix, attribute.value);
    }
  }
  return [...seen].map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

/**
 * Exclusive XML canonicalisation (without comments) of one element, by xml-crypto on a deep copy:
 * its `process` may add the InclusiveNamespaces declarations to the element it is given, and the
 * caller's document must stay as it was.
 */
export function excC14n(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  dropUnprintable(copy);
  return new ExclusiveCanonicalization().process(copy as unknown as CanonicalizerInput, {
    ancestorNamespaces: ancestorNamespaces(element),
  });
}

/** The UTF-8 bytes SMEV digests for a Reference to `element`: smevTransform(exc-c14n(element)). */
export function smevDigestInput(element: Element): Uint8Array {
  return utf8(smevTransform(excC14n(element)));
}

function certificateAlgorithm(der: Uint8Array): GostAlgorithm | undefined {
  return algorithmOfCertificate(Certificate.fromBER(new Uint8Array(der)));
}

/**
 * Signs the element whose attribute Id="<id>" inside `doc`, detached: returns a new ds:Signature
 * element (owned by `doc`, not yet inserted) that the caller appends into e.g.
 * CallerInformationSystemSignature. The algorithms (256 or 512) follow the certificate's key.
 * Throws when there is no such element, when the Id is not unique, or for a key that is not GOST R
 * 34.10-2012: programming errors, not a state of the world.
 */
export async function signElement(doc: Document, id: string, signer: XmlSigner): Promise<Element> {
  const targets = elementsById(doc, id);
  if (targets.length !== 1) {
    throw new Error(
      targets.length === 0
        ? `XMLDSig: no element with Id="${id}" to sign`
        : `XMLDSig: Id="${id}" is not unique in the document (${targets.length} elements)`,
    );
  }
  const [target] = targets as [Element];
  const algorithm = certificateAlgorithm(signer.certificate);
  if (!algorithm) throw new Error('XMLDSig: the signer certificate has no GOST R 34.10-2012 key');
  const uris = GOST_XMLDSIG_ALGORITHMS[algorithm.name];
  const digest = signer.provider.digest(algorithm.digest, smevDigestInput(target));

  const ds = (localName: string, children: Element[] = [], text?: string): Element => {
    const element = doc.createElementNS(XMLDSIG_NS, `ds:${localName}`);
    for (const child of children) element.appendChild(child);
    if (text !== undefined) element.appendChild(doc.createTextNode(text));
    return element;
  };
  const withAlgorithm = (element: Element, uri: string): Element => {
    element.setAttribute('Algorithm', uri);
    return element;
  };
  const reference = ds('Reference', [
    ds('Transforms', [
      withAlgorithm(ds('Transform'), EXC_C14N_ALGORITHM),
      withAlgorithm(ds('Transform'), SMEV_TRANSFORM_ALGORITHM),
    ]),
    withAlgorithm(ds('DigestMethod'), uris.digest),
    ds('DigestValue', [], base64(digest)),
  ]);
  reference.setAttribute('URI', `#${id}`);
  const signedInfo = ds('SignedInfo', [
    withAlgorithm(ds('CanonicalizationMethod'), EXC_C14N_ALGORITHM),
    withAlgorithm(ds('SignatureMethod'), uris.signature),
    reference,
  ]);
  const signature = ds('Signature', [signedInfo]);
  signature.setAttributeNS(XMLNS_NS, 'xmlns:ds', XMLDSIG_NS);

  const value = await signer.provider.sign(signer.privateKey, utf8(excC14n(signedInfo)), algorithm.name);
  signature.appendChild(ds('SignatureValue', [], base64(value)));
  signature.appendChild(
    ds('KeyInfo', [ds('X509Data', [ds('X509Certificate', [], base64(signer.certificate))])]),
  );
  return signature;
}

/** A Reference's data through its transforms, or the Russian reason it cannot be computed. */
function transformed(
  target: Element,
  signature: Element,
  algorithms: string[],
): { data: Uint8Array } | { reason: string } {
  let node: Element | null = target;
  let text: string | null = null;
  for (const algorithm of algorithms) {
    if (algorithm === ENVELOPED_SIGNATURE_ALGORITHM && node) {
      node = withoutSignature(node, signature);
    } else if ((algorithm === EXC_C14N_ALGORITHM || algorithm === EXC_C14N_WITH_COMMENTS) && node) {
      // Comments would be dropped by the SMEV transform anyway; WithComments is not used by SMEV.
      text = excC14n(node);
      node = null;
    } else if (algorithm === SMEV_TRANSFORM_ALGORITHM) {
      // From a node, exc-c14n serialises it: the SMEV transform reads only names, namespace URIs,
      // attributes and text, which every canonical form keeps.
      try {
        text = smevTransform(text ?? excC14n(node ?? target));
      } catch {
        // The reference transform supports namespaced elements only.
        return { reason: 'Подписанные данные содержат элемент без пространства имён' };
      }
      node = null;
    } else if (
      [ENVELOPED_SIGNATURE_ALGORITHM, EXC_C14N_ALGORITHM, EXC_C14N_WITH_COMMENTS].includes(algorithm)
    ) {
      return { reason: `Неподдерживаемый порядок преобразований подписи: ${algorithms.join(', ')}` };
    } else {
      return { reason: `Неизвестное преобразование подписи: ${algorithm}` };
    }
  }
  if (text === null) {
    return { reason: `Неподдерживаемый порядок преобразований подписи: ${algorithms.join(', ') || 'нет'}` };
  }
  return { data: utf8(text) };
}

/** The enveloped-signature transform: a copy of `target` without `signature`, if it is inside. */
function withoutSignature(target: Element, signature: Element): Element {
  const path: number[] = [];
  let node: Node | null = signature;
  while (node && node !== target) {
    let index = 0;
    for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) index++;
    path.unshift(index);
    node = node.parentNode;
  }
  if (node !== target) return target;
  const copy = target.cloneNode(true) as Element;
  let inCopy: Node | null = copy;
  for (const index of path) inCopy = inCopy?.childNodes.item(index) ?? null;
  inCopy?.parentNode?.removeChild(inCopy);
  return copy;
}

/**
 * Checks a ds:Signature element found in `doc`: the Reference's URI (#Id) must point at an element
 * of `doc`, the digest over smevTransform(exc-c14n(target)) must match, SignatureValue over
 * exc-c14n(SignedInfo) must verify with the public key of KeyInfo/X509Data/X509Certificate. Never
 * throws for a bad signature: valid=false with a Russian reason. The certificate is not checked here
 * (validity, chain, revocation): that is the caller's trust decision.
 *
 * Several References are accepted only when they name the same element (a real SMEV sample repeats
 * one); `referencedId` is what the caller must compare with the element it expects to be signed.
 */
export async function verifySignature(
  doc: Document,
  signature: Element,
  provider: GostProvider,
): Promise<SignatureCheck & { referencedId: string | null }> {
  let certificate: Uint8Array | null = null;
  let referencedId: string | null = null;
  const fail = (reason: string) => ({ valid: false, reason, certificate, referencedId });
  try {
    if (signature.namespaceURI !== XMLDSIG_NS || signature.localName !== 'Signature') {
      return fail('Подпись не найдена');
    }
    const signedInfo = dsChild(signature, 'SignedInfo');
    const signatureValueElement = dsChild(signature, 'SignatureValue');
    if (!signedInfo || !signatureValueElement) return fail('Подпись не найдена');

    const certificateText = dsChild(dsChild(dsChild(signature, 'KeyInfo'), 'X509Data'), 'X509Certificate');
    if (certificateText) certificate = fromBase64(certificateText.textContent ?? '');

    const c14n = dsChild(signedInfo, 'CanonicalizationMethod')?.getAttribute('Algorithm') ?? '';
    if (c14n !== EXC_C14N_ALGORITHM) return fail(`Неизвестный алгоритм канонизации: ${c14n}`);
    const method = dsChild(signedInfo, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
    if (LEGACY_SIGNATURE_METHODS.has(method)) {
      return fail(`Подпись по ГОСТ Р 34.10-2001 не поддерживается: ${method}`);
    }
    const algorithm = (Object.keys(GOST_XMLDSIG_ALGORITHMS) as GostSignatureAlgorithm[]).find(
      (name) => GOST_XMLDSIG_ALGORITHMS[name].signature === method,
    );
    if (!algorithm) return fail(`Неизвестный алгоритм подписи: ${method}`);

    const references = dsChildren(signedInfo, 'Reference');
    if (references.length === 0) return fail('Подпись не ссылается на подписанный элемент');
    for (const reference of references) {
      const uri = reference.getAttribute('URI') ?? '';
      const id = uri.startsWith('#') ? uri.slice(1) : null;
      if (!id) return fail(`Подписанный элемент не найден: «${uri}»`);
      if (referencedId !== null && id !== referencedId) return fail('Подпись ссылается на разные элементы');
      referencedId = id;
      const targets = elementsById(doc, id);
      if (targets.length === 0) return fail(`Подписанный элемент не найден: ${uri}`);
      if (targets.length > 1) return fail(`Идентификатор подписанного элемента не уникален: ${uri}`);

      const digestMethod = dsChild(reference, 'DigestMethod')?.getAttribute('Algorithm') ?? '';
      if (LEGACY_DIGEST_METHODS.has(digestMethod)) {
        return fail(`Хэш по ГОСТ Р 34.11-94 не поддерживается: ${digestMethod}`);
      }
      const digestAlgorithm = (Object.keys(GOST_XMLDSIG_ALGORITHMS) as GostSignatureAlgorithm[]).find(
        (name) => GOST_XMLDSIG_ALGORITHMS[name].digest === digestMethod,
      );
      if (!digestAlgorithm) return fail(`Неизвестный алгоритм хэширования: ${digestMethod}`);
      const transforms = dsChildren(dsChild(reference, 'Transforms') ?? reference, 'Transform').map(
        (t) => t.getAttribute('Algorithm') ?? '',
      );
      const input = transformed(targets[0] as Element, signature, transforms);
      if ('reason' in input) return fail(input.reason);
      const expected = fromBase64(dsChild(reference, 'DigestValue')?.textContent ?? '');
      const actual = provider.digest(
        digestAlgorithm === 'gost2012_256' ? 'streebog256' : 'streebog512',
        input.data,
      );
      if (!expected || !equalBytes(expected, actual)) return fail('Не совпадает хэш подписанных данных');
    }

    if (!certificate) return fail('Сертификат подписи не найден');
    let keyAlgorithm: GostAlgorithm | undefined;
    try {
      keyAlgorithm = certificateAlgorithm(certificate);
    } catch {
      return fail('Сертификат подписи не читается');
    }
    if (!keyAlgorithm) return fail('Ключ сертификата подписи не является ключом ГОСТ Р 34.10-2012');
    if (keyAlgorithm.name !== algorithm)
      return fail(`Алгоритм подписи не соответствует ключу сертификата: ${method}`);

    const signatureValue = fromBase64(signatureValueElement.textContent ?? '');
    if (!signatureValue || signatureValue.length !== 2 * keyAlgorithm.size) return fail('Подпись неверна');
    const valid = await provider.verify({ certificate }, utf8(excC14n(signedInfo)), signatureValue);
    return valid ? { valid: true, reason: null, certificate, referencedId } : fail('Подпись неверна');
  } catch {
    // A malformed part the checks above did not foresee (e.g. a certificate key the provider cannot read).
    return fail('Подпись неверна');
  }
}
