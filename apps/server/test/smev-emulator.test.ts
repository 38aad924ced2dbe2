import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { smevInjectFetch } from '../src/emulators/smev/inject-fetch.js';
import { smevEmulatorRoutes } from '../src/emulators/smev/routes.js';
import { childNS, elementChildren, textOf } from '../src/emulators/smev/soap.js';
import { informationKindOf, type KindInput } from '../src/platform/smev/kinds/index.js';
import { smevNamespaces, XMLDSIG_NS } from '../src/platform/smev/types.js';
import { verifySignature } from '../src/platform/smev/xmldsig.js';
import {
  ack,
  answerDoc,
  bytes,
  clientSigner,
  faultOf,
  getResponse,
  sendRequest,
  world,
  XML,
  type World,
} from './smev-emulator-support.js';

// The emulator's SMEV 3 protocol with hand-built signed messages. The signatures use
// platform/smev/xmldsig.ts: written against its final signatures, these tests need the real one.

const ns = smevNamespaces('1.3');
let w: World;

const input: KindInput = {
  requestId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  registrationNumber: 'КЗН-2025/0042',
  applicant: {
    kind: 'individual',
    lastName: 'Морозов',
    firstName: 'Алексей',
    middleName: 'Игоревич',
    birthDate: '1994-02-26',
    snils: null,
    identityDocument: null,
    registrationAddress: null,
    residenceAddress: null,
    phone: null,
    email: null,
    inn: null,
  },
  cadastralNumbers: ['16:50:011105:123'],
};

function contentOf(code: string): string {
  const built = informationKindOf(code)!.build(input);
  if (!('content' in built)) throw new Error('not applicable');
  return built.content;
}

const egrn = () => contentOf('egrn_extract');

async function send(xml: string) {
  return w.emulator.handle(bytes(xml), XML);
}

async function poll() {
  const result = await w.emulator.handle(bytes(await getResponse(w.signer, w.now.value)), XML);
  expect(result.status).toBe(200);
  const { doc, operation } = answerDoc(result.body, result.contentType);
  const message = childNS(operation, ns.types, 'ResponseMessage');
  return { result, doc, message };
}

function signatureIn(holder: Element | null): Element {
  const signature = holder ? childNS(holder, XMLDSIG_NS, 'Signature') : null;
  if (!signature) throw new Error('no signature');
  return signature;
}

beforeAll(async () => {
  w = await world();
});

beforeEach(() => w.emulator.clear());

describe('the SMEV 3 emulator', () => {
  it('accepts a signed request, answers it through GetResponse signed by the agency and SMEV, until Ack', async () => {
    const { messageId, xml } = await sendRequest(w.signer, egrn());
    const sent = await send(xml);
    expect(sent.status).toBe(200);
    const accepted = answerDoc(sent.body, sent.contentType);
    const metadata = childNS(accepted.operation, ns.types, 'MessageMetadata')!;
    expect(textOf(childNS(metadata, ns.types, 'MessageId'))).toBe(messageId);
    expect(textOf(childNS(metadata, ns.types, 'Status'))).toBe('requestIsQueued');
    expect(metadata.getElementsByTagNameNS(ns.types, 'Mnemonic').item(1)?.textContent).toBe('RRTR01');
    const smevCheck = await verifySignature(
      accepted.doc,
      signatureIn(childNS(accepted.operation, ns.types, 'SMEVSignature')),
      w.provider,
    );
    expect(smevCheck).toMatchObject({ valid: true, referencedId: 'SIGNED_BY_SMEV' });
    expect(w.emulator.sentRequests()).toHaveLength(1);

    const { result, doc, message } = await poll();
    // Like CXF: multipart/related XOP, the extract as a binary part.
    expect(result.contentType).toMatch(/^multipart\/related;.*type="application\/xop\+xml"/);
    expect(Buffer.from(result.body).toString('utf8')).toContain('<ex:ExtractEGRN');
    const response = childNS(message!, ns.types, 'Response')!;
    expect(textOf(childNS(response, ns.types, 'OriginalMessageId'))).toBe(messageId);
    const data = childNS(response, ns.types, 'SenderProvidedResponseData')!;
    const responseId = textOf(childNS(data, ns.types, 'MessageID'))!;
    const business = elementChildren(childNS(data, ns.basic, 'MessagePrimaryContent')!)[0]!;
    expect(business.localName).toBe('Response');
    const provider = await verifySignature(
      doc,
      signatureIn(childNS(response, ns.types, 'SenderInformationSystemSignature')),
      w.provider,
    );
    expect(provider).toMatchObject({ valid: true, referencedId: 'SIGNED_BY_PROVIDER' });
    expect(
      Buffer.from(provider.certificate!).equals(Buffer.from(w.emulator.agencyCertificate('rosreestr'))),
    ).toBe(true);
    const smev = await verifySignature(
      doc,
      signatureIn(childNS(message!, ns.types, 'SMEVSignature')),
      w.provider,
    );
    expect(smev).toMatchObject({ valid: true, referencedId: 'SIGNED_BY_SMEV' });
    const content = message!.getElementsByTagNameNS(ns.basic, 'Content').item(0)!.textContent!;
    expect(Buffer.from(content, 'base64').toString('utf8')).toContain('16:50:011105:123');

    // Not acknowledged: the same message again.
    const again = await poll();
    const againId = again.message!.getElementsByTagNameNS(ns.types, 'MessageID').item(0)?.textContent;
    expect(againId).toBe(responseId);

    const acked = await send(await ack(w.signer, responseId));
    expect(acked.status).toBe(200);
    expect(answerDoc(acked.body, acked.contentType).operation.localName).toBe('AckResponse');
    const empty = await poll();
    expect(empty.message).toBeNull();
    expect(w.emulator.stateOf(w.emulator.sentRequests()[0]!)).toBe('acknowledged');

    const twice = await send(await ack(w.signer, responseId));
    expect(twice.status).toBe(500);
    expect(faultOf(twice.body).name).toBe('TargetMessageIsNotFound');
  });

  it('answers the version the request came in (1.2) and without multipart when told so', async () => {
    w.emulator.multipartAlways = false;
    try {
      const { xml } = await sendRequest(w.signer, contentOf('snils_check'), { version: '1.2' });
      const sent = await send(xml);
      expect(sent.status).toBe(200);
      expect(answerDoc(sent.body, sent.contentType).operation.namespaceURI).toBe(smevNamespaces('1.2').types);
      const result = await w.emulator.handle(bytes(await getResponse(w.signer, w.now.value, '1.2')), XML);
      expect(result.contentType).toBe(XML);
      expect(Buffer.from(result.body).toString('utf8')).toContain('SnilsByDataResponse');
    } finally {
      w.emulator.multipartAlways = true;
    }
  });

  it('refuses a MessageID it already accepted, without queueing it twice', async () => {
    const { messageId, xml } = await sendRequest(w.signer, egrn());
    expect((await send(xml)).status).toBe(200);
    const retry = await send((await sendRequest(w.signer, egrn(), { messageId })).xml);
    expect(retry.status).toBe(500);
    const refusal = faultOf(retry.body);
    expect(refusal.name).toBe('MessageIsAlreadySent');
    expect(refusal.description).toMatch(/^SMEV-301:/);
    expect(w.emulator.sentRequests()).toHaveLength(1);
  });

  it('checks the ЭП-ОВ: none, tampered, an unregistered certificate', async () => {
    const unsigned = await send((await sendRequest(null, egrn())).xml);
    expect(unsigned.status).toBe(500);
    expect(Buffer.from(unsigned.body).toString()).toContain('<faultcode>soap:Client</faultcode>');
    expect(faultOf(unsigned.body)).toMatchObject({
      name: 'SignatureVerificationFault',
      reason: 'NoSignatureFound',
    });

    const tampered = await sendRequest(w.signer, egrn(), {
      tamper: (x) => x.replace('16:50:011105:123', '16:50:011105:125'),
    });
    expect(faultOf((await send(tampered.xml)).body)).toMatchObject({ reason: 'SignatureIsInvalid' });

    const stranger = await clientSigner(w.provider, 'Чужая ИС');
    expect(faultOf((await send((await sendRequest(stranger, egrn())).xml)).body)).toMatchObject({
      reason: 'CertificateIsNotFound',
    });
    expect(w.emulator.sentRequests()).toHaveLength(0);
  });

  it('refuses a MessageID that is not a lower-case v1 UUID and a business type nobody provides', async () => {
    const v4 = await send(
      (await sendRequest(w.signer, egrn(), { messageId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b' })).xml,
    );
    expect(faultOf(v4.body).name).toBe('InvalidMessageIdFormat');
    const unknown = await send(
      (await sendRequest(w.signer, '<x:Query xmlns:x="urn://example/unknown/1.0">1</x:Query>')).xml,
    );
    expect(faultOf(unknown.body).name).toBe('BusinessDataTypeIsNotSupported');
    expect(w.emulator.sentRequests()).toHaveLength(0);
  });

  it('late: the answer comes only after 8 calendar days of its clock', async () => {
    w.emulator.setBehaviour('rosreestr', { mode: 'late' });
    const start = w.now.value;
    try {
      expect((await send((await sendRequest(w.signer, egrn())).xml)).status).toBe(200);
      expect((await poll()).message).toBeNull();
      w.now.value = new Date(start.getTime() + 7 * 86_400_000);
      expect((await poll()).message).toBeNull();
      w.now.value = new Date(start.getTime() + 8 * 86_400_000);
      expect((await poll()).message).not.toBeNull();
    } finally {
      w.now.value = start;
    }
  });

  it('reject: RequestRejected ACCESS_DENIED; fault: SMEVFailure and nothing queued', async () => {
    w.emulator.setBehaviour('fns', { mode: 'reject' });
    const egrul = informationKindOf('egrul')!.build({
      ...input,
      applicant: {
        kind: 'legal_entity',
        organizationName: 'ООО «КСТ»',
        shortName: null,
        ogrn: '1161690003127',
        inn: '1658087210',
        kpp: '165801001',
        headName: 'Гарипов Рустам Маратович',
        headPosition: null,
        legalAddress: null,
        phone: null,
        email: null,
      },
    });
    if (!('content' in egrul)) throw new Error('not applicable');
    expect((await send((await sendRequest(w.signer, egrul.content)).xml)).status).toBe(200);
    const { message } = await poll();
    expect(message!.getElementsByTagNameNS(ns.types, 'RejectionReasonCode').item(0)?.textContent).toBe(
      'ACCESS_DENIED',
    );

    w.emulator.setBehaviour('all', { mode: 'fault' });
    const failed = await send((await sendRequest(w.signer, egrn())).xml);
    expect(failed.status).toBe(500);
    expect(Buffer.from(failed.body).toString()).toContain('<faultcode>soap:Server</faultcode>');
    expect(faultOf(failed.body).name).toBe('SMEVFailure');
    expect(w.emulator.sentRequests()).toHaveLength(1);
  });

  describe('over HTTP', () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    beforeAll(async () => {
      await app.register(smevEmulatorRoutes(w.emulator), { prefix: '/smev-emulator' });
      await app.ready();
    });
    afterAll(() => app.close());

    it('drop through smevInjectFetch: fetch fails, the message is queued once, a retry is MessageIsAlreadySent', async () => {
      w.emulator.setBehaviour('rosreestr', { mode: 'drop' });
      const fetch = smevInjectFetch(app);
      const { xml } = await sendRequest(w.signer, egrn());
      const post = () =>
        fetch('https://smev3.example/smev-emulator/ws', {
          method: 'POST',
          headers: { 'content-type': XML, soapaction: 'urn:SendRequest' },
          body: bytes(xml),
        });
      await expect(post()).rejects.toThrow(new TypeError('fetch failed'));
      expect(w.emulator.sentRequests()).toHaveLength(1);
      const retry = await post();
      expect(retry.status).toBe(500);
      expect(faultOf(new Uint8Array(await retry.arrayBuffer())).name).toBe('MessageIsAlreadySent');
      expect(w.emulator.sentRequests()).toHaveLength(1);
    });

    it('drop over a real socket: the connection closes without an answer', async () => {
      w.emulator.setBehaviour('all', { mode: 'drop' });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const { xml } = await sendRequest(w.signer, egrn());
      await expect(
        fetch(`${address}/smev-emulator/ws`, { method: 'POST', headers: { 'content-type': XML }, body: xml }),
      ).rejects.toThrow(TypeError);
      expect(w.emulator.sentRequests()).toHaveLength(1);
    });

    it('the admin page and the behaviour API', async () => {
      const put = await app.inject({
        method: 'PUT',
        url: '/smev-emulator/api/behaviour',
        payload: { agency: 'mvd', mode: 'late', delaySeconds: 5 },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ mvd: { mode: 'late', delaySeconds: 5 }, fns: { mode: 'normal' } });
      const bad = await app.inject({
        method: 'PUT',
        url: '/smev-emulator/api/behaviour',
        payload: { agency: 'x', mode: 'late' },
      });
      expect(bad.statusCode).toBe(400);
      const form = await app.inject({
        method: 'POST',
        url: '/smev-emulator/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'agency=fns&mode=reject&delaySeconds=2',
      });
      expect(form.statusCode).toBe(303);
      expect(w.emulator.behaviours().fns).toEqual({ mode: 'reject', delaySeconds: 2 });
      const page = await app.inject({ method: 'GET', url: '/smev-emulator/' });
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('Эмулятор СМЭВ 3');
      expect(page.body).toContain('без входа');
      expect(page.body).toContain('Росреестр');
    });
  });
});
