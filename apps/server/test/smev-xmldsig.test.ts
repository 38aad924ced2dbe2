import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { GostProvider } from '../src/platform/crypto/provider.js';
import { createPureJsProvider } from '../src/platform/crypto/pure-js-provider.js';
import { smevTransform } from '../src/platform/smev/transform.js';
import { XMLDSIG_NS, type XmlSigner } from '../src/platform/smev/types.js';
import {
  ENVELOPED_SIGNATURE_ALGORITHM,
  excC14n,
  signElement,
  smevDigestInput,
  verifySignature,
} from '../src/platform/smev/xmldsig.js';
import { makeFixtures, makeSigner, type CmsFixtures } from './support/crypto/fixtures.js';
import { nativeProvider, openssl, opensslCli, skipNote } from './support/crypto/testing.js';

// XMLDSig of SMEV 3 (docs/protocols/smev-signature.md): signed and verified by us, and — the independent
// path — checked by OpenSSL's GOST engine over the canonical bytes, and by libxml2's exc-c14n.

const TYPES = 'urn://x-artefacts-smev-gov-ru/services/message-exchange/types/1.3';
const BASIC = 'urn://x-artefacts-smev-gov-ru/services/message-exchange/types/basic/1.3';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const BUSINESS = 'urn://x-artefacts-zags-rogdinf/root/112-51/4.0.1';
const ID = 'SIGNED_BY_CONSUMER';

/**
 * A SendRequest envelope; `pretty` re-serialises the signed element as an intermediary might: other
 * prefixes (a default namespace for the business root), indentation, attribute order, an empty element
 * as `<a/>`. Its information set is the same, so the SMEV transform gives the same bytes.
 */
function envelope(style: 'compact' | 'pretty', signature = ''): string {
  if (style === 'compact') {
    return (
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:ns2="${TYPES}" xmlns:basic="${BASIC}"><soap:Header/><soap:Body>` +
      `<ns2:SendRequestRequest><ns2:SenderProvidedRequestData Id="${ID}">` +
      `<ns2:MessageID>e05ad7ac-a222-11e9-b898-480f5cc4a2bb</ns2:MessageID>` +
      `<basic:MessagePrimaryContent><z:ЗапросСведений xmlns:z="${BUSINESS}" ИдЗапроса="42" z:вид="рождение">` +
      `<z:ФИО>Иванов Иван Иванович</z:ФИО><z:Примечание>а &amp; б &lt; в</z:Примечание><z:Пусто></z:Пусто>` +
      `</z:ЗапросСведений></basic:MessagePrimaryContent><ns2:TestMessage></ns2:TestMessage>` +
      `</ns2:SenderProvidedRequestData><ns2:CallerInformationSystemSignature>${signature}` +
      `</ns2:CallerInformationSystemSignature></ns2:SendRequestRequest></soap:Body></soap:Envelope>`
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S="${SOAP}">
  <S:Header/>
  <S:Body>
    <SendRequestRequest xmlns="${TYPES}">
      <!-- re-serialised by an intermediary -->
      <SenderProvidedRequestData Id="${ID}" xmlns:b="${BASIC}">
        <MessageID>e05ad7ac-a222-11e9-b898-480f5cc4a2bb</MessageID>
        <b:MessagePrimaryContent>
          <ЗапросСведений xmlns="${BUSINESS}" xmlns:q="${BUSINESS}" q:вид="рождение" ИдЗапроса="42">
            <ФИО>Иванов Иван Иванович</ФИО>
            <Примечание>а &amp; б <![CDATA[<]]> в</Примечание>
            <Пусто/>
          </ЗапросСведений>
        </b:MessagePrimaryContent>
        <TestMessage/>
      </SenderProvidedRequestData>
      <CallerInformationSystemSignature>${signature}</CallerInformationSystemSignature>
    </SendRequestRequest>
  </S:Body>
</S:Envelope>
`;
}

const parse = (xml: string): Document => new DOMParser().parseFromString(xml, 'text/xml');
const serialize = (node: Document | Element): string => new XMLSerializer().serializeToString(node);

function dsElement(doc: Document, localName: string): Element {
  const found = doc.getElementsByTagNameNS(XMLDSIG_NS, localName).item(0);
  if (!found) throw new Error(`no ds:${localName}`);
  return found;
}

/** A signed compact envelope as text, as it goes on the wire. */
async function signedEnvelope(signer: XmlSigner): Promise<string> {
  const doc = parse(envelope('compact'));
  const signature = await signElement(doc, ID, signer);
  doc.getElementsByTagNameNS(TYPES, 'CallerInformationSystemSignature').item(0)?.appendChild(signature);
  return serialize(doc);
}

async function verifyText(xml: string, provider: GostProvider) {
  const doc = parse(xml);
  return verifySignature(doc, dsElement(doc, 'Signature'), provider);
}

/** Re-signs SignedInfo after a test changed it, as a client with that profile would have signed. */
async function resign(doc: Document, signer: XmlSigner): Promise<void> {
  const value = await signer.provider.sign(
    signer.privateKey,
    new TextEncoder().encode(excC14n(dsElement(doc, 'SignedInfo'))),
  );
  dsElement(doc, 'SignatureValue').textContent = Buffer.from(value).toString('base64');
}

const native = nativeProvider();
const providers: Array<[string, (() => GostProvider) | undefined]> = [
  ['pure-js', () => createPureJsProvider()],
  [`native${skipNote(native)}`, native.value ? () => native.value as GostProvider : undefined],
];

describe.each(providers)('SMEV XMLDSig, %s provider', (_name, make) => {
  let provider: GostProvider;
  let f: CmsFixtures;
  let signer: XmlSigner;
  let signed: string;

  beforeAll(async () => {
    if (!make) return;
    provider = make();
    f = await makeFixtures(provider);
    signer = { provider, privateKey: f.signer.privateKeyPem, certificate: f.signer.certificate };
    signed = await signedEnvelope(signer);
  });

  it.skipIf(!make)('signs with the SMEV profile and verifies after a round trip through text', async () => {
    const doc = parse(signed);
    const signature = dsElement(doc, 'Signature');
    expect(signature.parentNode?.nodeName).toBe('ns2:CallerInformationSystemSignature');
    const algorithms = (name: string) =>
      Array.from(doc.getElementsByTagNameNS(XMLDSIG_NS, name)).map((e) => e.getAttribute('Algorithm'));
    expect(algorithms('CanonicalizationMethod')).toEqual(['http://www.w3.org/2001/10/xml-exc-c14n#']);
    expect(algorithms('SignatureMethod')).toEqual([
      'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
    ]);
    expect(algorithms('Transform')).toEqual([
      'http://www.w3.org/2001/10/xml-exc-c14n#',
      'urn://smev-gov-ru/xmldsig/transform',
    ]);
    expect(algorithms('DigestMethod')).toEqual([
      'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256',
    ]);
    expect(dsElement(doc, 'Reference').getAttribute('URI')).toBe(`#${ID}`);
    expect(Buffer.from(dsElement(doc, 'SignatureValue').textContent ?? '', 'base64')).toHaveLength(64);

    const check = await verifySignature(doc, signature, provider);
    expect(check).toMatchObject({ valid: true, reason: null, referencedId: ID });
    expect(Buffer.from(check.certificate ?? [])).toEqual(Buffer.from(f.signer.certificate));
  });

  it.skipIf(!make)('one changed character of the signed element: the digest does not match', async () => {
    expect(signed).toContain('Иванов Иван');
    const check = await verifyText(signed.replace('Иванов Иван', 'Иванов Иеан'), provider);
    expect(check).toMatchObject({ valid: false, reason: 'Не совпадает хэш подписанных данных' });
    const attribute = await verifyText(signed.replace('ИдЗапроса="42"', 'ИдЗапроса="43"'), provider);
    expect(attribute.reason).toBe('Не совпадает хэш подписанных данных');
    // Outside the signed element nothing is covered: the envelope around it may change.
    const outside = await verifyText(
      signed.replace('<soap:Header/>', '<soap:Header><x:a xmlns:x="urn:x"/></soap:Header>'),
      provider,
    );
    expect(outside.valid).toBe(true);
  });

  it.skipIf(!make)('a changed SignatureValue or a certificate of another key is refused', async () => {
    const doc = parse(signed);
    const value = Buffer.from(dsElement(doc, 'SignatureValue').textContent ?? '', 'base64');
    value[10] = (value[10] ?? 0) ^ 0x01;
    dsElement(doc, 'SignatureValue').textContent = value.toString('base64');
    expect(await verifySignature(doc, dsElement(doc, 'Signature'), provider)).toMatchObject({
      valid: false,
      reason: 'Подпись неверна',
    });

    const stranger = await makeSigner(provider, f.ca);
    const other = parse(signed);
    dsElement(other, 'X509Certificate').textContent = Buffer.from(stranger.certificate).toString('base64');
    const check = await verifySignature(other, dsElement(other, 'Signature'), provider);
    expect(check).toMatchObject({ valid: false, reason: 'Подпись неверна' });
    expect(Buffer.from(check.certificate ?? [])).toEqual(Buffer.from(stranger.certificate));

    // A changed SignedInfo whose digest still matches (an attribute added to the Reference) is refused too.
    const changed = parse(signed.replace(`<ds:Reference URI=`, '<ds:Reference Id="r1" URI='));
    expect(dsElement(changed, 'Reference').getAttribute('Id')).toBe('r1');
    expect((await verifySignature(changed, dsElement(changed, 'Signature'), provider)).reason).toBe(
      'Подпись неверна',
    );
  });

  it.skipIf(!make)(
    're-prefixed, pretty-printed, re-ordered: the SMEV transform keeps the signature valid',
    async () => {
      const signatureXml = serialize(dsElement(parse(signed), 'Signature'));
      const pretty = envelope('pretty', signatureXml);
      expect(pretty).not.toContain('ns2:');
      const doc = parse(pretty);
      const target = doc.getElementsByTagNameNS(TYPES, 'SenderProvidedRequestData').item(0) as Element;
      const compactTarget = parse(signed)
        .getElementsByTagNameNS(TYPES, 'SenderProvidedRequestData')
        .item(0) as Element;
      expect(excC14n(target)).not.toBe(excC14n(compactTarget));
      expect(smevDigestInput(target)).toEqual(smevDigestInput(compactTarget));
      expect(await verifySignature(doc, dsElement(doc, 'Signature'), provider)).toMatchObject({
        valid: true,
        referencedId: ID,
      });
    },
  );

  it.skipIf(!make)('an extra enveloped-signature transform first is accepted', async () => {
    // The signature inside the element it signs: enveloped-signature removes it before the digest.
    const doc = parse(envelope('compact'));
    const signature = await signElement(doc, ID, signer);
    const target = doc.getElementsByTagNameNS(TYPES, 'SenderProvidedRequestData').item(0) as Element;
    target.appendChild(signature);
    const transforms = dsElement(doc, 'Transforms');
    const enveloped = doc.createElementNS(XMLDSIG_NS, 'ds:Transform');
    enveloped.setAttribute('Algorithm', ENVELOPED_SIGNATURE_ALGORITHM);
    transforms.insertBefore(enveloped, transforms.firstChild);
    await resign(doc, signer);
    const again = parse(serialize(doc));
    expect(await verifySignature(again, dsElement(again, 'Signature'), provider)).toMatchObject({
      valid: true,
    });
    // Without it, the signature inside counts as signed data, and the digest does not match.
    transforms.removeChild(enveloped);
    await resign(doc, signer);
    expect((await verifySignature(doc, dsElement(doc, 'Signature'), provider)).reason).toBe(
      'Не совпадает хэш подписанных данных',
    );
  });

  it.skipIf(!make)('512-bit key: the -512 algorithms, and the signature verifies', async () => {
    const signer512 = await makeSigner(provider, f.ca, undefined, { paramSet: '512-A' });
    const xml = await signedEnvelope({
      provider,
      privateKey: signer512.privateKeyPem,
      certificate: signer512.certificate,
    });
    const doc = parse(xml);
    expect(dsElement(doc, 'SignatureMethod').getAttribute('Algorithm')).toBe(
      'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-512',
    );
    expect(dsElement(doc, 'DigestMethod').getAttribute('Algorithm')).toBe(
      'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-512',
    );
    expect(Buffer.from(dsElement(doc, 'SignatureValue').textContent ?? '', 'base64')).toHaveLength(128);
    expect(await verifySignature(doc, dsElement(doc, 'Signature'), provider)).toMatchObject({ valid: true });
    // A 256-bit certificate under a 512 SignatureMethod: refused with the reason, not a crash.
    const mixed = parse(xml);
    dsElement(mixed, 'X509Certificate').textContent = Buffer.from(f.signer.certificate).toString('base64');
    expect((await verifySignature(mixed, dsElement(mixed, 'Signature'), provider)).reason).toMatch(
      /^Алгоритм подписи не соответствует ключу сертификата/,
    );
  });
});

describe('SMEV XMLDSig: malformed and unsupported signatures get a Russian reason', () => {
  const provider = createPureJsProvider();
  let signed: string;
  beforeAll(async () => {
    const f = await makeFixtures(provider);
    signed = await signedEnvelope({
      provider,
      privateKey: f.signer.privateKeyPem,
      certificate: f.signer.certificate,
    });
  });

  it('legacy GOST R 34.10-2001 / 34.11-94 URIs: «not supported»; unknown URIs: «unknown»', async () => {
    const sig2001 = await verifyText(
      signed.replace(
        'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
        'http://www.w3.org/2001/04/xmldsig-more#gostr34102001-gostr3411',
      ),
      provider,
    );
    expect(sig2001).toMatchObject({
      valid: false,
      reason:
        'Подпись по ГОСТ Р 34.10-2001 не поддерживается: http://www.w3.org/2001/04/xmldsig-more#gostr34102001-gostr3411',
    });
    const digest94 = await verifyText(
      signed.replace(
        'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256',
        'http://www.w3.org/2001/04/xmldsig-more#gostr3411',
      ),
      provider,
    );
    expect(digest94.reason).toBe(
      'Хэш по ГОСТ Р 34.11-94 не поддерживается: http://www.w3.org/2001/04/xmldsig-more#gostr3411',
    );
    const unknown = await verifyText(
      signed.replace(
        'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
        'urn:example:rsa',
      ),
      provider,
    );
    expect(unknown.reason).toBe('Неизвестный алгоритм подписи: urn:example:rsa');
    const transform = await verifyText(
      signed.replace('urn://smev-gov-ru/xmldsig/transform', 'urn:example:transform'),
      provider,
    );
    expect(transform.reason).toBe('Неизвестное преобразование подписи: urn:example:transform');
  });

  it('no certificate, no target, an ambiguous target, not a signature', async () => {
    const noCertificate = parse(signed);
    const keyInfo = dsElement(noCertificate, 'KeyInfo');
    keyInfo.parentNode?.removeChild(keyInfo);
    expect(
      await verifySignature(noCertificate, dsElement(noCertificate, 'Signature'), provider),
    ).toMatchObject({
      valid: false,
      reason: 'Сертификат подписи не найден',
      certificate: null,
    });

    const noTarget = await verifyText(signed.replace(`Id="${ID}"`, 'Id="ELSEWHERE"'), provider);
    expect(noTarget).toMatchObject({
      valid: false,
      reason: `Подписанный элемент не найден: #${ID}`,
      referencedId: ID,
    });

    // A second element with the same Id (signature wrapping): which one was signed is ambiguous.
    const wrapped = await verifyText(
      signed.replace('<soap:Header/>', `<soap:Header><x:a xmlns:x="urn:x" Id="${ID}"/></soap:Header>`),
      provider,
    );
    expect(wrapped.reason).toBe(`Идентификатор подписанного элемента не уникален: #${ID}`);

    const doc = parse(signed);
    const notSignature = doc
      .getElementsByTagNameNS(TYPES, 'CallerInformationSystemSignature')
      .item(0) as Element;
    expect((await verifySignature(doc, notSignature, provider)).reason).toBe('Подпись не найдена');
    const noValue = parse(signed);
    const value = dsElement(noValue, 'SignatureValue');
    value.parentNode?.removeChild(value);
    expect((await verifySignature(noValue, dsElement(noValue, 'Signature'), provider)).reason).toBe(
      'Подпись не найдена',
    );

    const plain = parse(signed);
    const target = plain.getElementsByTagNameNS(TYPES, 'SenderProvidedRequestData').item(0) as Element;
    target.appendChild(plain.createElement('БезПространстваИмён'));
    expect((await verifySignature(plain, dsElement(plain, 'Signature'), provider)).reason).toBe(
      'Подписанные данные содержат элемент без пространства имён',
    );

    const garbage = await verifyText(
      signed.replace(/<ds:SignatureValue>[^<]*/, '<ds:SignatureValue>не base64'),
      provider,
    );
    expect(garbage).toMatchObject({ valid: false, reason: 'Подпись неверна' });
  });

  it('signElement refuses a missing or duplicated Id', async () => {
    const f = await makeFixtures(provider);
    const signer = { provider, privateKey: f.signer.privateKeyPem, certificate: f.signer.certificate };
    await expect(signElement(parse(envelope('compact')), 'NOPE', signer)).rejects.toThrow(
      /no element with Id="NOPE"/,
    );
    const twice = parse(
      envelope('compact').replace(
        '<soap:Header/>',
        `<soap:Header><x:a xmlns:x="urn:x" Id="${ID}"/></soap:Header>`,
      ),
    );
    await expect(signElement(twice, ID, signer)).rejects.toThrow(/not unique/);
  });
});

const cli = opensslCli();
const unavailable = native.missing ? native : cli;

describe.skipIf(!!unavailable.missing)(
  `SMEV XMLDSig: the independent path through OpenSSL and libxml2${skipNote(unavailable)}`,
  () => {
    const provider = createPureJsProvider();
    // Made when the suite runs, not when it is collected: a skipped suite leaves no directory behind.
    let dir = '';
    const file = (name: string) => path.join(dir, name);
    let f: CmsFixtures;
    let doc: Document;
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'smev-xmldsig-'));
      f = await makeFixtures(provider);
      doc = parse(
        await signedEnvelope({
          provider,
          privateKey: f.signer.privateKeyPem,
          certificate: f.signer.certificate,
        }),
      );
      writeFileSync(file('signer.pem'), f.signer.certificatePem);
      writeFileSync(file('signer.key'), f.signer.privateKeyPem);
      const pub = openssl([
        'x509',
        '-engine',
        'gost',
        '-in',
        file('signer.pem'),
        '-pubkey',
        '-noout',
        '-out',
        file('pub.pem'),
      ]);
      expect(pub.ok, pub.output).toBe(true);
    });

    /** libxml2's exclusive canonicalisation (xmllint --exc-c14n) of an element serialised on its own. */
    async function libxml2ExcC14n(element: Element): Promise<string> {
      const result = await validateXML({
        xml: { fileName: 'element.xml', contents: serialize(element) },
        normalization: 'c14n',
        modifyArguments: (args) => args.map((arg) => (arg === '--c14n' ? '--exc-c14n' : arg)),
      });
      // The canonical form of a document ends at its root's end tag; xmllint prints a line break after it.
      return result.normalized.replace(/\n$/, '');
    }

    it('libxml2 canonicalises SignedInfo and the signed element to the same bytes as we do', async () => {
      const signedInfo = dsElement(doc, 'SignedInfo');
      expect(await libxml2ExcC14n(signedInfo)).toBe(excC14n(signedInfo));
      const target = doc.getElementsByTagNameNS(TYPES, 'SenderProvidedRequestData').item(0) as Element;
      expect(await libxml2ExcC14n(target)).toBe(excC14n(target));
      // XMLDSig as the default namespace, declared above SignedInfo among namespaces it does not use;
      // whitespace, escaping in attributes.
      const other = parse(
        `<a:root xmlns:a="urn:a" xmlns="${XMLDSIG_NS}" xmlns:b="urn:b"><Signature b:x="1">\n  <SignedInfo>\n` +
          `    <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\n` +
          `    <Reference URI="#a&amp;b"><a:Odd c="&quot;&#9;&gt;"/></Reference>\n  </SignedInfo>\n</Signature></a:root>`,
      );
      const otherInfo = other.getElementsByTagNameNS(XMLDSIG_NS, 'SignedInfo').item(0) as Element;
      expect(excC14n(otherInfo)).toMatch(/^<SignedInfo xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#">\n/);
      expect(await libxml2ExcC14n(otherInfo)).toBe(excC14n(otherInfo));
    });

    it('openssl dgst verifies SignatureValue over exc-c14n(SignedInfo) as it is (s||r, no reversal)', () => {
      writeFileSync(file('signedinfo.xml'), excC14n(dsElement(doc, 'SignedInfo')));
      writeFileSync(
        file('sig.bin'),
        Buffer.from(dsElement(doc, 'SignatureValue').textContent ?? '', 'base64'),
      );
      const args = [
        'dgst',
        '-engine',
        'gost',
        '-md_gost12_256',
        '-verify',
        file('pub.pem'),
        '-signature',
        file('sig.bin'),
        file('signedinfo.xml'),
      ];
      const good = openssl(args);
      expect(good.output).toContain('Verified OK');
      // The reversed bytes (the little-endian form of CryptoAPI) are not what OpenSSL takes.
      writeFileSync(
        file('sig.bin'),
        Buffer.from(dsElement(doc, 'SignatureValue').textContent ?? '', 'base64').reverse(),
      );
      expect(openssl(args).output).toContain('Verification failure');
    });

    it('openssl dgst -sign over our canonical SignedInfo gives a SignatureValue we accept', async () => {
      const copy = parse(serialize(doc));
      writeFileSync(file('signedinfo2.xml'), excC14n(dsElement(copy, 'SignedInfo')));
      const made = openssl([
        'dgst',
        '-engine',
        'gost',
        '-md_gost12_256',
        '-sign',
        file('signer.key'),
        '-out',
        file('openssl.sig'),
        file('signedinfo2.xml'),
      ]);
      expect(made.ok, made.output).toBe(true);
      dsElement(copy, 'SignatureValue').textContent = readFileSync(file('openssl.sig')).toString('base64');
      expect(await verifySignature(copy, dsElement(copy, 'Signature'), provider)).toMatchObject({
        valid: true,
      });
    });

    it('openssl dgst -md_gost12_256 over the SMEV transform of libxml2 exc-c14n gives DigestValue', async () => {
      const target = doc.getElementsByTagNameNS(TYPES, 'SenderProvidedRequestData').item(0) as Element;
      writeFileSync(file('transformed.xml'), smevTransform(await libxml2ExcC14n(target)));
      const digest = openssl(['dgst', '-engine', 'gost', '-md_gost12_256', '-r', file('transformed.xml')]);
      expect(digest.ok, digest.output).toBe(true);
      const hex = /^([0-9a-f]{64}) /m.exec(digest.output)?.[1] ?? '';
      expect(Buffer.from(hex, 'hex').toString('base64')).toBe(dsElement(doc, 'DigestValue').textContent);
    });
  },
);
